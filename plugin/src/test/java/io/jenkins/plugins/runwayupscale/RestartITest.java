package io.jenkins.plugins.runwayupscale;

import static io.jenkins.plugins.runwayupscale.CometITestSupport.KEY;
import static io.jenkins.plugins.runwayupscale.CometITestSupport.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import hudson.model.Result;
import io.jenkins.plugins.runwayupscale.simulator.Fault;
import io.jenkins.plugins.runwayupscale.simulator.FaultRule;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class RestartITest {
    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    // Simulators live in the test, outside Jenkins: a task keeps running while Jenkins restarts.
    @RegisterExtension
    final CometITestSupport.Simulators simulators = new CometITestSupport.Simulators();

    @Test
    void aRestartWhilePollingResumesTheWaitWithoutASecondSubmission() throws Throwable {
        RunwaySimulator simulator = simulators.start(
                CometITestSupport.QUICK.withTimes(Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(4)));
        sessions.then(j -> {
            CometITestSupport.useSimulator(simulator);
            WorkflowJob p = CometITestSupport.pipeline(j, "echo runwayUpscale('" + VIDEO + "')");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("Submitted Runway task", b);
            // The first poll comes only after the task id was saved with the program.
            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.taskReadCount() >= 1);
            File program = new File(b.getRootDir(), "program.dat");
            assertThat(program).exists();
            assertThat(new String(Files.readAllBytes(program.toPath()), StandardCharsets.ISO_8859_1))
                    .doesNotContain(KEY);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("resuming the wait for Runway task " + CometITestSupport.taskIdOf(b), b);
            assertThat(simulator.postCount()).isEqualTo(1);
            CometITestSupport.assertKeyNowhere(b);
        });
    }

    @Test
    void aRestartDuringAnUnansweredSubmissionFailsAndNeverSubmitsAgain() throws Throwable {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        simulator.fault(FaultRule.first(1, "POST", "/runwayml/v1/video_upscale", Fault.slow(Duration.ofSeconds(20))));
        sessions.then(j -> {
            CometITestSupport.useSimulator(simulator);
            WorkflowJob p = CometITestSupport.pipeline(j, "runwayUpscale '" + VIDEO + "'");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("Submitting " + VIDEO, b);
            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.postCount() == 1);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
            j.assertLogContains("it was not submitted again, to avoid paying twice", b);
            assertThat(simulator.postCount()).isEqualTo(1);
        });
    }
}
