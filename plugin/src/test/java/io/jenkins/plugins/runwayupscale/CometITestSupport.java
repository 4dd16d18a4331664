package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import io.jenkins.plugins.runwayupscale.simulator.TaskScenario;
import io.jenkins.plugins.runwayupscale.upscale.RunwayUpscaleAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the Jenkins tests share: a simulated CometAPI on this machine, the key in a Secret text credential, and a
 * search of a build's files for the key. Named *ITest* so the offline build leaves it out with the tests.
 */
final class CometITestSupport {
    static final String KEY = "sk-comet-it-8d2b6e1f-must-never-leak";
    static final String CREDENTIAL_ID = "cometapi-key";
    static final String VIDEO = "https://cdn.example.com/final.mp4";
    /** A 90 s task (in task time) that the simulator plays 20 times faster. */
    static final TaskScenario QUICK = TaskScenario.standard();
    /** Long enough to be caught while running: 10 minutes of task time, 30 s of real time. */
    static final TaskScenario LONG =
            TaskScenario.standard().withTimes(Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(10));

    private CometITestSupport() {}

    /** Starts simulated CometAPIs for a test, each playing tasks 20 times faster, and stops them after it. */
    static final class Simulators implements AfterEachCallback {
        private final List<RunwaySimulator> started = new ArrayList<>();

        RunwaySimulator start(TaskScenario scenario) {
            RunwaySimulator simulator = RunwaySimulator.builder()
                    .apiKey(KEY)
                    .timeScale(0.05)
                    .defaultScenario(scenario)
                    .build()
                    .start();
            started.add(simulator);
            return simulator;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            started.forEach(RunwaySimulator::close);
            started.clear();
        }
    }

    /** Points the global configuration at the simulator and stores its key as the default credential. */
    static void useSimulator(RunwaySimulator simulator) throws IOException {
        addCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, CREDENTIAL_ID, "CometAPI key", Secret.fromString(KEY)));
        RunwayUpscaleConfiguration config = RunwayUpscaleConfiguration.get();
        config.setBaseUrl(simulator.baseUrl());
        config.setCredentialsId(CREDENTIAL_ID);
    }

    static void addCredential(Credentials credential) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(credential);
        SystemCredentialsProvider.getInstance().save();
    }

    static WorkflowJob pipeline(JenkinsRule j, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    static String taskIdOf(Run<?, ?> build) {
        List<RunwayUpscaleAction> actions = build.getActions(RunwayUpscaleAction.class);
        assertThat(actions).hasSize(1);
        return actions.get(0).getTaskId();
    }

    static String artifact(Run<?, ?> build, String path) throws IOException {
        try (var in = build.getArtifactManager().root().child(path).open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The key appears in no file of the build: log, build.xml, program.dat, flow nodes, artifacts. */
    static void assertKeyNowhere(Run<?, ?> build) throws IOException {
        assertThat(JenkinsRule.getLog(build)).doesNotContain(KEY);
        try (Stream<Path> files = Files.walk(build.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as("content of %s", file).doesNotContain(KEY);
            }
        }
    }
}
