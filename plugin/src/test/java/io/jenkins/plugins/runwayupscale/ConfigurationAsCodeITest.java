package io.jenkins.plugins.runwayupscale;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeITest {
    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void configuresEveryGlobalSetting(JenkinsConfiguredWithCodeRule j) {
        RunwayUpscaleConfiguration config = RunwayUpscaleConfiguration.get();

        assertThat(config.getBaseUrl()).isEqualTo("https://comet.example.com");
        assertThat(config.getCredentialsId()).isEqualTo("cometapi-key");
        assertThat(config.getRunwayVersion()).isEqualTo("2025-03-01");
        assertThat(config.getModel()).isEqualTo("magnific_video_upscaler_creative");
        assertThat(config.getTimeoutMinutes()).isEqualTo(45);
        assertThat(config.getMaxRequestsPerSecond()).isEqualTo(50);
        assertThat(config.getMaxDataUriMB()).isEqualTo(8);
        assertThat(config.getMaxDownloadMB()).isEqualTo(2048);
        assertThat(config.getDownloadTimeoutMinutes()).isEqualTo(30);
        assertThat(config.getDownloadIdleSeconds()).isEqualTo(20);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatItWasGiven(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode section = getUnclassifiedRoot(context).get("runwayUpscale");

        String exported = toYamlString(section);

        assertThat(exported)
                .contains(
                        "baseUrl: \"https://comet.example.com\"",
                        "credentialsId: \"cometapi-key\"",
                        "runwayVersion: \"2025-03-01\"",
                        "model: \"magnific_video_upscaler_creative\"",
                        "timeoutMinutes: 45",
                        "maxRequestsPerSecond: 50",
                        "maxDataUriMB: 8",
                        "maxDownloadMB: 2048",
                        "downloadTimeoutMinutes: 30",
                        "downloadIdleSeconds: 20");
    }
}
