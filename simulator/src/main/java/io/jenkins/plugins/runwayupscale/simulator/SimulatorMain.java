package io.jenkins.plugins.runwayupscale.simulator;

import java.util.Locale;

/**
 * {@code java -jar runway-upscale-simulator.jar [options]}: prints the base URL and serves until killed. The key
 * defaults to env COMETAPI_KEY, else {@code sim-key}. See {@link #USAGE}.
 */
public final class SimulatorMain {
    static final String USAGE = "usage: java -jar runway-upscale-simulator.jar [--port N] [--api-key K] [--time-scale X]\n"
            + "    [--shape bare|wrapped|wrapped-only] [--pending SECONDS] [--throttled SECONDS] [--running SECONDS]\n"
            + "    [--progress smooth|stepwise|absent] [--output-bytes N] [--threads N] [--no-record]";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunwaySimulator.Builder builder = RunwaySimulator.builder();
        TaskScenario scenario = TaskScenario.standard();
        String envKey = System.getenv("COMETAPI_KEY");
        if (envKey != null && !envKey.isBlank()) {
            builder.apiKey(envKey);
        }
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> builder.port(Integer.parseInt(require(args[i], value)));
                case "--api-key" -> builder.apiKey(require(args[i], value));
                case "--time-scale" -> builder.timeScale(Double.parseDouble(require(args[i], value)));
                case "--shape" -> builder.shape(shape(require(args[i], value)));
                case "--pending" -> scenario = scenario.withTimes(seconds(require(args[i], value)), scenario.throttled(),
                        scenario.running());
                case "--throttled" -> scenario = scenario.withTimes(scenario.pending(), seconds(require(args[i], value)),
                        scenario.running());
                case "--running" -> scenario = scenario.withTimes(scenario.pending(), scenario.throttled(),
                        seconds(require(args[i], value)));
                case "--progress" -> scenario = scenario.withProgress(
                        ProgressStyle.valueOf(require(args[i], value).toUpperCase(Locale.ROOT)));
                case "--output-bytes" -> scenario = scenario.withOutputBytes(Long.parseLong(require(args[i], value)));
                case "--threads" -> builder.threads(Integer.parseInt(require(args[i], value)));
                case "--no-record" -> {
                    builder.recordRequests(false);
                    i--;
                }
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + "; try --help");
                    System.exit(2);
                }
            }
            i++;
        }
        RunwaySimulator simulator = builder.defaultScenario(scenario).build().start();
        System.out.println(simulator.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }

    private static java.time.Duration seconds(String value) {
        return java.time.Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    }

    private static ResponseShape shape(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bare" -> ResponseShape.BARE;
            case "wrapped" -> ResponseShape.WRAPPED;
            case "wrapped-only" -> ResponseShape.WRAPPED_WITHOUT_TASK;
            default -> throw new IllegalArgumentException("shape must be bare, wrapped or wrapped-only");
        };
    }
}
