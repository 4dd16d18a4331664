package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.runwayupscale.reuse.ReuseIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deleted build's results leave its job's index. */
class ForgetDeletedBuildsTest {
    @TempDir
    Path job;

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aDeletedBuildIsForgottenByItsJobsIndex() {
        ReuseIndex index = ReuseIndex.of(job);
        index.record(new ReuseIndex.Entry("k12", 12, "task-12", "ab", null, null));
        index.record(new ReuseIndex.Entry("k13", 13, "task-13", "cd", null, null));
        Job parent = mock(Job.class);
        when(parent.getRootDir()).thenReturn(job.toFile());
        Run run = mock(Run.class);
        when(run.getParent()).thenReturn(parent);
        when(run.getNumber()).thenReturn(12);

        new ForgetDeletedBuilds().onDeleted(run);

        assertThat(index.find("k12")).isEmpty();
        assertThat(index.find("k13")).isPresent();
    }
}
