package io.jenkins.plugins.runwayupscale.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

    private static RunwaySimulator build(Map<String, String> env, String... args) {
        SimulatorOptions.Parsed parsed = SimulatorOptions.parse(args, env);
        assertThat(parsed.help()).isFalse();
        return parsed.builder().build();
    }

    @Test
    void defaultsToSimKeyStandardScenarioAndBareShape() {
        RunwaySimulator simulator = build(Map.of());

        assertThat(simulator.apiKey()).isEqualTo("sim-key");
        assertThat(simulator.settings().defaultScenario()).isEqualTo(TaskScenario.standard());
        assertThat(simulator.settings().shape()).isEqualTo(ResponseShape.BARE);
        assertThat(simulator.settings().timeScale()).isEqualTo(1.0);
        assertThat(simulator.settings().recordLimit()).isPositive();
        assertThat(simulator.cancelRefusal()).isZero();
    }

    @Test
    void keyComesFromTheEnvironmentUnlessGivenAsAnOption() {
        assertThat(build(Map.of("COMETAPI_KEY", "env-key")).apiKey()).isEqualTo("env-key");
        assertThat(build(Map.of("COMETAPI_KEY", "env-key"), "--api-key", "arg-key")
                        .apiKey())
                .isEqualTo("arg-key");
        assertThat(build(Map.of("COMETAPI_KEY", " ")).apiKey()).isEqualTo("sim-key");
    }

    @Test
    void readsServerAndScenarioOptions() {
        RunwaySimulator simulator = build(
                Map.of(),
                "--port",
                "0",
                "--time-scale",
                "0.01",
                "--shape",
                "wrapped-only",
                "--pending",
                "1.5",
                "--throttled",
                "2",
                "--running",
                "30",
                "--progress",
                "stepwise",
                "--output-bytes",
                "1000",
                "--threads",
                "3",
                "--rate-limit",
                "200",
                "--no-record",
                "--no-cancel");

        TaskScenario scenario = simulator.settings().defaultScenario();
        assertThat(simulator.settings().timeScale()).isEqualTo(0.01);
        assertThat(simulator.settings().shape()).isEqualTo(ResponseShape.WRAPPED_WITHOUT_TASK);
        assertThat(scenario.pending()).isEqualTo(Duration.ofMillis(1500));
        assertThat(scenario.throttled()).isEqualTo(Duration.ofSeconds(2));
        assertThat(scenario.running()).isEqualTo(Duration.ofSeconds(30));
        assertThat(scenario.progress()).isEqualTo(ProgressStyle.STEPWISE);
        assertThat(scenario.outputBytes()).isEqualTo(1000);
        assertThat(simulator.settings().threads()).isEqualTo(3);
        assertThat(simulator.rateLimit()).isNotNull();
        assertThat(simulator.settings().recordLimit()).isZero();
        assertThat(simulator.cancelRefusal()).isEqualTo(405);
    }

    @Test
    void readsOutcomeOptions() {
        TaskScenario failed = build(
                        Map.of(),
                        "--outcome",
                        "failed",
                        "--failure-code",
                        "SAFETY.INPUT.VIDEO",
                        "--failure",
                        "moderated")
                .settings()
                .defaultScenario();
        TaskScenario cancelled =
                build(Map.of(), "--outcome", "CANCELLED").settings().defaultScenario();
        TaskScenario noisy =
                build(Map.of(), "--progress-noise", "0.5").settings().defaultScenario();

        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.failureCode()).isEqualTo("SAFETY.INPUT.VIDEO");
        assertThat(failed.failure()).isEqualTo("moderated");
        assertThat(cancelled.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(noisy.progressNoise()).isEqualTo(0.5);
    }

    @Test
    void taskNotExistOptionInstallsTheFaultWindow() throws Exception {
        try (RunwaySimulator simulator = build(Map.of(), "--api-key", Api.KEY, "--task-not-exist", "3600")
                .start()) {
            Api api = new Api(simulator);
            String id = api.submit("https://a.example.com/v.mp4");

            assertThat(api.get(RunwaySimulator.TASKS_PATH + id).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void slowSubmitHoldsEverySubmissionAndNothingElse() {
        RunwaySimulator simulator = build(Map.of(), "--slow-submit", "2.5");

        Fault submit = simulator.faultFor("POST", RunwaySimulator.SUBMIT_PATH, null);
        assertThat(submit.kind()).isEqualTo(Fault.Kind.SLOW);
        assertThat(submit.delay()).isEqualTo(Duration.ofMillis(2500));
        assertThat(simulator.faultFor("POST", RunwaySimulator.SUBMIT_PATH, null))
                .isNotNull();
        assertThat(simulator.faultFor("GET", RunwaySimulator.TASKS_PATH + "x", null))
                .isNull();
    }

    @Test
    void helpIsRecognisedAnywhere() {
        assertThat(SimulatorOptions.parse(new String[] {"--port", "1", "--help"}, Map.of())
                        .help())
                .isTrue();
        assertThat(SimulatorOptions.USAGE).contains("--time-scale", "--shape", "COMETAPI_KEY", "--task-not-exist");
    }

    @Test
    void wrongOptionsSayWhatIsWrong() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.parse(new String[] {"--bogus"}, Map.of()))
                .withMessage("unknown option --bogus");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.parse(new String[] {"--port"}, Map.of()))
                .withMessage("--port needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.parse(new String[] {"--port", "eighty"}, Map.of()))
                .withMessageContaining("whole number");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.parse(new String[] {"--shape", "round"}, Map.of()))
                .withMessageContaining("bare, wrapped or wrapped-only");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.parse(new String[] {"--progress", "jumpy"}, Map.of()))
                .withMessageContaining("--progress");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.parse(new String[] {"--time-scale", "0"}, Map.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorOptions.parse(new String[] {"--pending", "-1"}, Map.of()));
    }
}
