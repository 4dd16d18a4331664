package io.jenkins.plugins.runwayupscale.simulator;

/**
 * {@code java -jar runway-upscale-simulator.jar [options]}: prints the base URL and serves until killed. The key
 * defaults to env COMETAPI_KEY, else {@code sim-key}; {@code --help} lists the options.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions.Parsed options;
        try {
            options = SimulatorOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "; try --help");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        RunwaySimulator simulator = options.builder().build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "runway-simulator-shutdown"));
        // Tools that start this process read the first line of stdout to learn where it listens.
        System.out.println(simulator.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
