package io.jenkins.plugins.runwayupscale;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.runwayupscale.reuse.ReuseIndex;

/**
 * Keeps a job's index of earlier results true when a build is deleted (by hand or by the job's build discarder):
 * its artifacts are gone, and reuse must not point at it.
 */
@Extension
public final class ForgetDeletedBuilds extends RunListener<Run<?, ?>> {
    @Override
    public void onDeleted(Run<?, ?> run) {
        ReuseIndex.of(run.getParent().getRootDir().toPath()).forgetBuild(run.getNumber());
    }
}
