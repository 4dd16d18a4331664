package io.jenkins.plugins.runwayupscale.upscale;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/** Where archived files go; the seam between writing the task's files and the build's artifact storage. */
public interface ArtifactSink {
    /**
     * The build's own ArtifactManager, picked so that remote artifact storage (S3 and the like) is used when
     * configured. The files are on the controller, so a local launcher fits, also outside {@code node {}}.
     */
    ArtifactSink JENKINS = (run, folder, artifacts, listener) -> run.pickArtifactManager()
            .archive(
                    new FilePath(folder.toFile()),
                    new Launcher.LocalLauncher(listener),
                    BuildListenerAdapter.wrap(listener),
                    artifacts);

    /**
     * Archives files of {@code folder} with the build.
     *
     * @param artifacts artifact path to path inside {@code folder}, both relative, '/'-separated
     */
    void archive(Run<?, ?> run, Path folder, Map<String, String> artifacts, TaskListener listener)
            throws IOException, InterruptedException;
}
