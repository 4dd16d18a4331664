package io.jenkins.plugins.runwayupscale;

import static io.jenkins.plugins.runwayupscale.CometITestSupport.CREDENTIAL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class FreestyleITest {
    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final CometITestSupport.Simulators simulators = new CometITestSupport.Simulators();

    @Test
    void expandsVariablesAndHandsTheResultToLaterSteps(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        FreeStyleProject p = j.createFreeStyleProject();
        p.addProperty(
                new ParametersDefinitionProperty(new StringParameterDefinition("CDN", "https://cdn.example.com")));
        RunwayUpscaleBuilder upscale = new RunwayUpscaleBuilder();
        upscale.setVideoUri("$CDN/final.mp4");
        upscale.setCredentialsId(CREDENTIAL_ID);
        p.getBuildersList().add(upscale);
        Map<String, String> seen = new ConcurrentHashMap<>();
        p.getBuildersList()
                .add(TestBuilder.of((build, launcher, listener) -> seen.putAll(build.getEnvironment(listener))));

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        String taskId = CometITestSupport.taskIdOf(b);
        j.assertLogContains("Submitting https://cdn.example.com/final.mp4", b);
        assertThat(seen).containsEntry("RUNWAY_UPSCALE_TASK_ID", taskId);
        assertThat(seen.get("RUNWAY_UPSCALE_OUTPUT_URL")).startsWith(simulator.baseUrl());
        assertThat(CometITestSupport.artifact(b, "runway-upscale/" + taskId + ".url"))
                .isEqualTo(seen.get("RUNWAY_UPSCALE_OUTPUT_URL") + "\n");
        CometITestSupport.assertKeyNowhere(b);
    }

    @Test
    void anAbortCancelsTheTaskAndEndsTheBuildAsAborted(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.LONG);
        CometITestSupport.useSimulator(simulator);
        FreeStyleProject p = j.createFreeStyleProject();
        RunwayUpscaleBuilder upscale = new RunwayUpscaleBuilder();
        upscale.setVideoUri(CometITestSupport.VIDEO);
        p.getBuildersList().add(upscale);
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Submitted Runway task", b);

        b.getExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.deleteCount() == 1);
    }

    @Test
    void configRoundTrip(JenkinsRule j) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        RunwayUpscaleBuilder before = new RunwayUpscaleBuilder();
        before.setVideoUri("https://cdn.example.com/final.mp4");
        before.setCredentialsId(CREDENTIAL_ID);
        before.setModel("upscale_v1");
        before.setRunwayVersion("2024-11-06");
        before.setTimeoutMinutes(20);
        before.setArchive(false);
        p.getBuildersList().add(before);

        p = j.configRoundtrip(p);

        j.assertEqualDataBoundBeans(before, p.getBuildersList().get(RunwayUpscaleBuilder.class));
    }
}
