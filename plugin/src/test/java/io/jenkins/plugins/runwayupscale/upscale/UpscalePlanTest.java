package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import io.jenkins.plugins.runwayupscale.reuse.ReuseMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpscalePlanTest {
    private static final String VIDEO = "https://cdn.example.com/final.mp4";
    private static final UpscaleDefaults ADMIN = new UpscaleDefaults(
            "https://comet.example.com",
            "global-key",
            "2025-03-01",
            "magnific_video_upscaler_creative",
            30,
            UpscaleLimits.defaults());

    @Test
    void theStepsOwnValuesWin() throws Exception {
        UpscalePlan plan =
                UpscalePlan.of(new UpscaleRequest(VIDEO, "job-key", "upscale_v1", "2024-11-06", 5, false), ADMIN);

        assertThat(plan.credentialsId()).isEqualTo("job-key");
        assertThat(plan.model()).isEqualTo("upscale_v1");
        assertThat(plan.runwayVersion()).isEqualTo("2024-11-06");
        assertThat(plan.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(plan.archive()).isFalse();
        assertThat(plan.settings().baseUrl()).hasToString("https://comet.example.com");
    }

    @Test
    void blanksFallBackToTheGlobalDefaultsThenToTheBuiltInOnes() throws Exception {
        UpscalePlan configured = UpscalePlan.of(new UpscaleRequest(VIDEO, " ", "", null, null, true), ADMIN);
        assertThat(configured.credentialsId()).isEqualTo("global-key");
        assertThat(configured.model()).isEqualTo("magnific_video_upscaler_creative");
        assertThat(configured.runwayVersion()).isEqualTo("2025-03-01");
        assertThat(configured.timeout()).isEqualTo(Duration.ofMinutes(30));

        UpscalePlan builtIn =
                UpscalePlan.of(new UpscaleRequest(VIDEO, "k", null, null, null, true), UpscaleDefaults.none());
        assertThat(builtIn.model()).isEqualTo("upscale_v1");
        assertThat(builtIn.runwayVersion()).isEqualTo("2024-11-06");
        assertThat(builtIn.timeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(builtIn.settings().baseUrl()).hasToString("https://api.cometapi.com");
    }

    @Test
    void noCredentialAnywhereIsAClearError() {
        assertThatThrownBy(() ->
                        UpscalePlan.of(new UpscaleRequest(VIDEO, null, null, null, null, true), UpscaleDefaults.none()))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("No CometAPI credential: set credentialsId");
    }

    @Test
    void invalidValuesNameTheirField() {
        assertThatThrownBy(
                        () -> UpscalePlan.of(new UpscaleRequest("ftp://x/v.mp4", "k", null, null, null, true), ADMIN))
                .hasMessageStartingWith("Cannot upscale: video URI:");
        assertThatThrownBy(() -> UpscalePlan.of(new UpscaleRequest(VIDEO, "k", null, "next week", null, true), ADMIN))
                .hasMessageStartingWith("Cannot upscale: Runway version:");
        assertThatThrownBy(() -> UpscalePlan.of(new UpscaleRequest(VIDEO, "k", null, null, 0, true), ADMIN))
                .hasMessage("The timeout must be at least 1 minute, not 0.");
        assertThatThrownBy(() -> UpscalePlan.of(
                        new UpscaleRequest(VIDEO, "k", null, null, null, true),
                        new UpscaleDefaults(
                                "http://comet.example.com", null, null, null, 60, UpscaleLimits.defaults())))
                .hasMessageStartingWith("Cannot upscale: base URL:");
    }

    @Test
    void keepsTheSettingsItCheckedAndRebuildsThemAfterARestart() throws Exception {
        UpscalePlan plan = UpscalePlan.of(new UpscaleRequest(VIDEO, "k", null, "2024-11-06", 10, true), ADMIN);
        assertThat(plan.settings()).isSameAs(plan.settings());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plan);
        }
        UpscalePlan restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (UpscalePlan) in.readObject();
        }

        assertThat(restored.settings().baseUrl()).hasToString("https://comet.example.com");
        assertThat(restored.settings().runwayVersion()).isEqualTo("2024-11-06");
        assertThat(restored.settings().model()).isEqualTo("magnific_video_upscaler_creative");
        assertThat(restored.settings().waitTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void afterSubmissionADataUriIsSummarisedAndAUrlKept() throws Exception {
        UpscalePlan data = UpscalePlan.of(
                new UpscaleRequest("data:video/mp4;base64,AAAAGGZ0eXBtcDQy", "k", null, null, null, true), ADMIN);
        UpscalePlan url = UpscalePlan.of(new UpscaleRequest(VIDEO, "k", null, null, null, true), ADMIN);

        UpscalePlan kept = data.afterSubmission();

        assertThat(kept.submittedVideo())
                .isEqualTo(new InlineVideo(
                        null, "video/mp4", 12, "4f0049d5f748a652f76c19e597432e2cbcc2a6b4108fb09d1846e7b25eae2df1"));
        assertThat(kept.videoForDisplay()).isEqualTo("data:video/mp4;base64,... (12 bytes)");
        assertThatThrownBy(kept::videoUri).isInstanceOf(IllegalStateException.class);
        assertThat(url.afterSubmission().videoUri()).isEqualTo(VIDEO);
    }

    @Test
    void survivesJavaSerializationAsThePipelineProgramStoresIt() throws Exception {
        UpscalePlan plan = UpscalePlan.of(new UpscaleRequest(VIDEO, "k", null, null, 10, true), ADMIN);

        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(plan);
        }
        assertThat(plan)
                .hasToString("UpscalePlan[" + VIDEO + ", model magnific_video_upscaler_creative, credential k]");
    }

    private static UpscaleRequest inline(String model, Integer dataUriLimitMB) {
        return new UpscaleRequest(
                null, "key", model, null, null, true, "out/intro.mp4", null, false, Map.of(), dataUriLimitMB);
    }

    private static UpscaleDefaults ceiling(int maxDataUriMB) {
        return new UpscaleDefaults(null, null, null, null, 60, new UpscaleLimits(maxDataUriMB, 4096, 60, 60));
    }

    @Test
    void aStepMayLowerTheDataUriLimitButNeverRaiseItPastTheAdministratorsCeiling() throws Exception {
        assertThat(UpscalePlan.of(inline("upscale_v1", 4), ceiling(16))
                        .settings()
                        .dataUriLimit()
                        .bytes())
                .isEqualTo(4 * DataUriLimit.MB);
        assertThatThrownBy(() -> UpscalePlan.of(inline("upscale_v1", 1024), ceiling(16)))
                .hasMessageStartingWith("Cannot upscale: dataUriLimitMB 1024 is over the 16 MB an administrator allows"
                        + " for videos sent inline");
    }

    @Test
    void theCeilingAlsoCapsAModelWhoseOwnLimitIsHigher() throws Exception {
        assertThat(UpscalePlan.of(inline("upscale_v1", null), ceiling(8))
                        .settings()
                        .dataUriLimit()
                        .bytes())
                .isEqualTo(8 * DataUriLimit.MB);
        assertThat(UpscalePlan.of(inline("magnific_video_upscaler_creative", null), ceiling(8))
                        .settings()
                        .dataUriLimit())
                .isEqualTo(DataUriLimit.of("magnific_video_upscaler_creative", null));
    }

    @Test
    void reuseIsContentUnlessSaidOtherwiseAndAnUnknownValueIsRefused() throws Exception {
        UpscaleRequest plain = inline("upscale_v1", null);
        assertThat(UpscalePlan.of(plain, ceiling(16)).reuse()).isEqualTo(ReuseMode.CONTENT);
        UpscaleRequest never = new UpscaleRequest(
                null, "key", null, null, null, true, "out/intro.mp4", null, false, Map.of(), null, "NEVER");
        assertThat(UpscalePlan.of(never, ceiling(16)).reuse()).isEqualTo(ReuseMode.NEVER);
        UpscaleRequest typo = new UpscaleRequest(
                null, "key", null, null, null, true, "out/intro.mp4", null, false, Map.of(), null, "always");
        assertThatThrownBy(() -> UpscalePlan.of(typo, ceiling(16)))
                .hasMessage("Cannot upscale: reuse is 'always'; give content (the default), uri or never. Nothing was"
                        + " sent.");
    }
}
