package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunwayUpscaleActionTest {
    private static final Instant SUBMITTED = Instant.parse("2026-11-25T10:00:00Z");

    private final RunwayUpscaleAction action = new RunwayUpscaleAction(new Submission("task-1", SUBMITTED), plan());

    @Test
    void onlyHttpsOutputsBecomeLinks() {
        assertThat(action.isLinkable("https://cdn.example.com/out.mp4")).isTrue();
        assertThat(action.isLinkable("HTTPS://cdn.example.com/out.mp4")).isTrue();
        assertThat(action.isLinkable("http://127.0.0.1:8080/out.mp4")).isFalse();
        assertThat(action.isLinkable("javascript:alert(1)")).isFalse();
        assertThat(action.isLinkable(null)).isFalse();
    }

    @Test
    void artifactLinksAreUrlEncodedSegmentBySegment() {
        assertThat(action.artifactHref("runway-upscale/task-1.url")).isEqualTo("runway-upscale/task-1.url");
        assertThat(action.artifactHref("runway-upscale/a b#c?d%.json"))
                .isEqualTo("runway-upscale/a%20b%23c%3Fd%25.json");
    }

    @Test
    void isOnTheBuildPageOnlyAsASummary() {
        assertThat(action.getIconFileName()).isNull();
        assertThat(action.getUrlName()).isNull();
        assertThat(action.getDisplayName()).isEqualTo("Runway upscale");
    }

    @Test
    void describesADataUriInsteadOfKeepingIt() throws Exception {
        UpscalePlan plan = UpscalePlan.of(
                new UpscaleRequest("data:video/mp4;base64,AAAAGGZ0eXBtcDQy", "k", null, null, null, true),
                UpscaleDefaults.none());

        RunwayUpscaleAction forData =
                new RunwayUpscaleAction(new Submission("task-2", SUBMITTED), plan.afterSubmission());

        assertThat(forData.getVideoUri()).isEqualTo("data:video/mp4;base64,... (12 bytes)");
        assertThat(forData.getVideoSha256())
                .isEqualTo("4f0049d5f748a652f76c19e597432e2cbcc2a6b4108fb09d1846e7b25eae2df1");
        assertThat(forData.getSubmittedAt()).isEqualTo("2026-11-25T10:00:00Z");
    }

    @Test
    void keepsTheFailureAsReported() {
        action.failed(
                "FAILED",
                "Runway task task-1 failed [ASSET.INVALID]: bad codec.",
                Instant.parse("2026-11-25T10:05:00Z"));

        assertThat(action.getStatus()).isEqualTo("FAILED");
        assertThat(action.getFailure()).contains("ASSET.INVALID");
        assertThat(action.getCompletedAt()).isEqualTo("2026-11-25T10:05:00Z");
        assertThat(action.getOutputs()).isEmpty();
    }

    private static UpscalePlan plan() {
        try {
            return UpscalePlan.of(
                    new UpscaleRequest("https://cdn.example.com/v.mp4", "k", null, null, null, true),
                    UpscaleDefaults.none());
        } catch (hudson.AbortException e) {
            throw new AssertionError(e);
        }
    }
}
