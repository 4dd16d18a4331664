package io.jenkins.plugins.runwayupscale.simulator;

import java.util.Locale;

/**
 * {@code java -jar runway-upscale-simulator.jar [--port N] [--api-key K] [--time-scale X] [--shape bare|wrapped|wrapped-only]}:
 * prints the base URL and serves until killed. The key defaults to env COMETAPI_KEY, else {@code sim-key}.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunwaySimulator.Builder builder = RunwaySimulator.builder();
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
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar runway-upscale-simulator.jar [--port N] [--api-key K]"
                            + " [--time-scale X] [--shape bare|wrapped|wrapped-only]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + "; try --help");
                    System.exit(2);
                }
            }
            i++;
        }
        RunwaySimulator simulator = builder.build().start();
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

    private static ResponseShape shape(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bare" -> ResponseShape.BARE;
            case "wrapped" -> ResponseShape.WRAPPED;
            case "wrapped-only" -> ResponseShape.WRAPPED_WITHOUT_TASK;
            default -> throw new IllegalArgumentException("shape must be bare, wrapped or wrapped-only");
        };
    }
}
