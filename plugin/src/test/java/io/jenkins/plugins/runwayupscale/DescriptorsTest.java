package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;

import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;

/** What Jenkins reads from the descriptors' declarations. */
class DescriptorsTest {
    @Test
    void theFreestyleBuildStepIsNotAlsoAPipelineStep() {
        assertThat(RunwayUpscaleBuilder.DescriptorImpl.class.getAnnotation(Symbol.class))
                .as("a symbol makes the builder callable from Pipeline through the generic step")
                .isNull();
    }

    @Test
    void theGlobalConfigurationHasAName() {
        // No constructor: it would load the configuration from disk.
        RunwayUpscaleConfiguration configuration = mock(RunwayUpscaleConfiguration.class, CALLS_REAL_METHODS);

        assertThat(configuration.getDisplayName()).isEqualTo("Runway Upscale");
    }
}
