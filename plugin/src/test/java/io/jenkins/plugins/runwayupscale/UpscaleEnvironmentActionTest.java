package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import hudson.EnvVars;
import hudson.model.Run;
import org.junit.jupiter.api.Test;

class UpscaleEnvironmentActionTest {
    @Test
    void givesLaterBuildStepsTheTaskIdAndOutputUrl() {
        EnvVars env = new EnvVars();

        new UpscaleEnvironmentAction("task-1", "https://cdn.example.com/out.mp4")
                .buildEnvironment(mock(Run.class), env);

        assertThat(env)
                .containsEntry("RUNWAY_UPSCALE_TASK_ID", "task-1")
                .containsEntry("RUNWAY_UPSCALE_OUTPUT_URL", "https://cdn.example.com/out.mp4");
    }
}
