package io.jenkins.plugins.runwayupscale;

import static io.jenkins.plugins.runwayupscale.CometITestSupport.CREDENTIAL_ID;
import static io.jenkins.plugins.runwayupscale.CometITestSupport.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Computer;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import java.time.Duration;
import java.util.Arrays;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class PipelineStepITest {
    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final CometITestSupport.Simulators simulators = new CometITestSupport.Simulators();

    @Test
    void theFreestyleBuildStepIsNotAPipelineStep(JenkinsRule j) throws Exception {
        WorkflowJob p = CometITestSupport.pipeline(j, "runwayUpscaleBuilder videoUri: '" + VIDEO + "'");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("No such DSL method 'runwayUpscaleBuilder'", b);
    }

    @Test
    void upscalesOutsideNodeAndArchivesBothFiles(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(
                j,
                "def url = runwayUpscale videoUri: '" + VIDEO + "', credentialsId: '" + CREDENTIAL_ID + "'\n"
                        + "echo \"upscaled to ${url}\"");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String taskId = CometITestSupport.taskIdOf(b);
        j.assertLogContains("Submitted Runway task " + taskId + ".", b);
        j.assertLogContains("upscaled to " + simulator.baseUrl(), b);
        j.assertLogContains("Archived runway-upscale/" + taskId + ".url, runway-upscale/" + taskId + ".json", b);
        assertThat(CometITestSupport.artifact(b, "runway-upscale/" + taskId + ".url"))
                .startsWith(simulator.baseUrl());
        assertThat(CometITestSupport.artifact(b, "runway-upscale/" + taskId + ".json"))
                .contains(taskId, "SUCCEEDED", "upscale_v1");
        assertThat(simulator.postCount()).isEqualTo(1);
        CometITestSupport.assertKeyNowhere(b);
    }

    @Test
    void holdsNoExecutorWhileWaiting(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.LONG);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(j, "runwayUpscale '" + VIDEO + "'");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Submitted Runway task", b);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.taskReadCount() >= 1);

        int busy = Arrays.stream(j.jenkins.getComputers())
                .mapToInt(Computer::countBusy)
                .sum();
        assertThat(busy).isZero();
        assertThat(j.jenkins.getQueue().getItems()).isEmpty();

        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
    }

    @Test
    void abortStopsPollingAndCancelsTheTask(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.LONG);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(j, "runwayUpscale '" + VIDEO + "'");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Submitted Runway task", b);

        b.doStop();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.deleteCount() == 1);
        long reads = simulator.taskReadCount();
        j.assertLogContains("asked CometAPI to cancel it", b);
        // Longer than the shortest interval between polls: none may follow the abort.
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .until(() -> simulator.taskReadCount() == reads);
    }

    @Test
    void aMissingCredentialIsNamed(JenkinsRule j) throws Exception {
        assertFailsBeforeSubmitting(j, "nope", "No credential with id 'nope' is available to this build");
    }

    @Test
    void aCredentialOfTheWrongTypeIsNamed(JenkinsRule j) throws Exception {
        CometITestSupport.addCredential(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "login", "a login", "builder", "correct-horse-battery-staple"));
        assertFailsBeforeSubmitting(j, "login", "Credential 'login' is a Username with password credential");
    }

    @Test
    void aRejectedKeyFailsWithoutATask(JenkinsRule j) throws Exception {
        CometITestSupport.addCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "old-key", "revoked", Secret.fromString("sk-revoked-key")));
        WorkflowRun b = assertFailsBeforeSubmitting(j, "old-key", "CometAPI answered HTTP 401");
        j.assertLogNotContains("sk-revoked-key", b);
    }

    @Test
    void configAndSnippetGeneratorRoundTrip(JenkinsRule j) throws Exception {
        RunwayUpscaleStep minimal = new RunwayUpscaleStep();
        minimal.setVideoUri(VIDEO);
        RunwayUpscaleStep full = new RunwayUpscaleStep();
        full.setVideoUri(VIDEO);
        full.setCredentialsId(CREDENTIAL_ID);
        full.setModel("magnific_video_upscaler_creative");
        full.setRunwayVersion("2024-11-06");
        full.setTimeoutMinutes(30);
        full.setArchive(false);

        j.assertEqualDataBoundBeans(minimal, new StepConfigTester(j).configRoundTrip(minimal));
        j.assertEqualDataBoundBeans(full, new StepConfigTester(j).configRoundTrip(full));
        SnippetizerTester snippets = new SnippetizerTester(j);
        // Named, as Declarative needs: the step has no required parameter to write alone.
        snippets.assertRoundTrip(minimal, "runwayUpscale videoUri: '" + VIDEO + "'");
        snippets.assertRoundTrip(
                full,
                "runwayUpscale archive: false, credentialsId: '" + CREDENTIAL_ID
                        + "', model: 'magnific_video_upscaler_creative', runwayVersion: '2024-11-06', timeoutMinutes: 30, videoUri: '"
                        + VIDEO + "'");
        RunwayUpscaleStep release = new RunwayUpscaleStep();
        release.setVideoFile("out/intro.mp4");
        release.setDownload("out/intro-4k.mp4");
        release.setOptions("resolution=4k\ncreativity=30");
        release.setReuse("never");
        j.assertEqualDataBoundBeans(release, new StepConfigTester(j).configRoundTrip(release));
        // The options come out as the map a Pipeline author writes, and that map binds back to the same lines.
        snippets.assertRoundTrip(
                release,
                "runwayUpscale download: 'out/intro-4k.mp4', options: [resolution: '4k', creativity: 30],"
                        + " reuse: 'never', videoFile: 'out/intro.mp4'");
    }

    /** The build fails with {@code message}, and CometAPI never gets a task from it. */
    private WorkflowRun assertFailsBeforeSubmitting(JenkinsRule j, String credentialsId, String message)
            throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(
                j, "runwayUpscale videoUri: '" + VIDEO + "', credentialsId: '" + credentialsId + "'");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains(message, b);
        assertThat(simulator.taskCount()).isZero();
        return b;
    }
}
