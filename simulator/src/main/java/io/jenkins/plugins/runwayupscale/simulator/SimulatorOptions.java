package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns the command line (and the environment) into simulator settings; see {@link #USAGE}. */
final class SimulatorOptions {
    static final String USAGE = """
            usage: java -jar runway-upscale-simulator.jar [options]
              --port N                 port on 127.0.0.1 (default 0: a free one)
              --api-key K              key clients must send (default: env COMETAPI_KEY, else sim-key)
              --time-scale X           real time per task time (0.01 runs a 90 s task in 0.9 s; default 1)
              --shape S                bare | wrapped | wrapped-only (default bare)
              --pending SECONDS        task time PENDING (default 5)
              --throttled SECONDS      task time THROTTLED after that (default 0)
              --running SECONDS        task time RUNNING (default 60)
              --progress P             smooth | stepwise | absent (default smooth)
              --progress-noise X       0..1: how unevenly smooth progress rises (default 0)
              --outcome O              succeeded | failed | cancelled (default succeeded)
              --failure-code CODE      failure code of failed tasks (default INTERNAL)
              --failure TEXT           failure text of failed tasks
              --output-bytes N         size of each output file (default 65536)
              --task-not-exist SECONDS task reads answer task_not_exist while the task is younger
              --slow-submit SECONDS    answer each submission that much later (real time), its body read
                                       and its request held open meanwhile (default: at once)
              --no-cancel              DELETE answers 405
              --threads N              server threads (default 8)
              --rate-limit N           at most N API requests per second per key, then 429 (default: none)
              --no-record              keep counts only, no request records
              --help                   this text""";

    private static final Set<String> VALUE_OPTIONS = Set.of(
            "--port",
            "--api-key",
            "--time-scale",
            "--shape",
            "--pending",
            "--throttled",
            "--running",
            "--progress",
            "--progress-noise",
            "--outcome",
            "--failure-code",
            "--failure",
            "--output-bytes",
            "--task-not-exist",
            "--slow-submit",
            "--threads",
            "--rate-limit");

    /**
     * The outcome of reading the command line.
     *
     * @param builder the simulator settings
     * @param help whether only the usage was asked for
     */
    record Parsed(RunwaySimulator.Builder builder, boolean help) {}

    private SimulatorOptions() {}

    /** Throws IllegalArgumentException with a message for the user when an option is wrong. */
    static Parsed parse(String[] args, Map<String, String> env) {
        RunwaySimulator.Builder builder = RunwaySimulator.builder();
        String envKey = env.get("COMETAPI_KEY");
        if (envKey != null && !envKey.isBlank()) {
            builder.apiKey(envKey);
        }
        TaskScenario scenario = TaskScenario.standard();
        Outcome outcome = Outcome.SUCCEEDED;
        String failureCode = "INTERNAL";
        String failure = "Simulated failure";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return new Parsed(builder, true);
                }
                case "--no-record" -> builder.recordRequests(false);
                case "--no-cancel" -> builder.cancelSupported(false);
                default -> {
                    if (!VALUE_OPTIONS.contains(option)) {
                        throw new IllegalArgumentException("unknown option " + option);
                    }
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--port" -> builder.port(integer(option, value));
                        case "--api-key" -> builder.apiKey(value);
                        case "--time-scale" -> builder.timeScale(number(option, value));
                        case "--shape" -> builder.shape(shape(value));
                        case "--pending" ->
                            scenario = scenario.withTimes(
                                    seconds(option, value), scenario.throttled(), scenario.running());
                        case "--throttled" ->
                            scenario =
                                    scenario.withTimes(scenario.pending(), seconds(option, value), scenario.running());
                        case "--running" ->
                            scenario = scenario.withTimes(
                                    scenario.pending(), scenario.throttled(), seconds(option, value));
                        case "--progress" ->
                            scenario = scenario.withProgress(choice(option, value, ProgressStyle.class));
                        case "--progress-noise" -> scenario = scenario.withProgressNoise(number(option, value));
                        case "--outcome" -> outcome = choice(option, value, Outcome.class);
                        case "--failure-code" -> failureCode = value;
                        case "--failure" -> failure = value;
                        case "--output-bytes" -> scenario = scenario.withOutputBytes(longInteger(option, value));
                        case "--task-not-exist" ->
                            builder.fault(FaultRule.whileTaskYoungerThan(
                                    seconds(option, value), "GET", Fault.of(Fault.Kind.TASK_NOT_EXIST)));
                        case "--slow-submit" ->
                            builder.fault(FaultRule.always(
                                    "POST", RunwaySimulator.SUBMIT_PATH, Fault.slow(seconds(option, value))));
                        case "--threads" -> builder.threads(integer(option, value));
                        case "--rate-limit" -> builder.rateLimit(integer(option, value));
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                }
            }
        }
        scenario = switch (outcome) {
            case SUCCEEDED -> scenario;
            case FAILED -> scenario.failing(failureCode, failure);
            case CANCELLED -> scenario.cancelled();
        };
        return new Parsed(builder.defaultScenario(scenario), false);
    }

    private static ResponseShape shape(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bare" -> ResponseShape.BARE;
            case "wrapped" -> ResponseShape.WRAPPED;
            case "wrapped-only" -> ResponseShape.WRAPPED_WITHOUT_TASK;
            default ->
                throw new IllegalArgumentException("--shape must be bare, wrapped or wrapped-only, not " + value);
        };
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " does not take " + value, e);
        }
    }

    private static Duration seconds(String option, String value) {
        double seconds = number(option, value);
        if (seconds < 0) {
            throw new IllegalArgumentException(option + " must not be negative");
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value, e);
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + value, e);
        }
    }

    private static long longInteger(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + value, e);
        }
    }
}
