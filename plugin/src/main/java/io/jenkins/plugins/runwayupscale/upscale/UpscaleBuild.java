package io.jenkins.plugins.runwayupscale.upscale;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;

/**
 * The build an upscale belongs to. Asked for only on the upscale's own worker, never on the thread that starts it:
 * after a restart a Pipeline's build and log are loaded lazily and must not be waited for on the CPS VM thread.
 */
public interface UpscaleBuild {
    Run<?, ?> run() throws IOException, InterruptedException;

    TaskListener listener() throws IOException, InterruptedException;

    /** The workspace, or null when there is none (a Pipeline step outside {@code node {}}). */
    default BuildWorkspace workspace() throws IOException, InterruptedException {
        return null;
    }

    /** A build whose run and log are already at hand, without a workspace. */
    static UpscaleBuild of(Run<?, ?> run, TaskListener listener) {
        return of(run, listener, null);
    }

    /** A build whose run, log and workspace are already at hand (freestyle). */
    static UpscaleBuild of(Run<?, ?> run, TaskListener listener, BuildWorkspace workspace) {
        return new UpscaleBuild() {
            @Override
            public BuildWorkspace workspace() {
                return workspace;
            }

            @Override
            public Run<?, ?> run() {
                return run;
            }

            @Override
            public TaskListener listener() {
                return listener;
            }
        };
    }
}
