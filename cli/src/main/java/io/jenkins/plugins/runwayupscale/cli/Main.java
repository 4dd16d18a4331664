package io.jenkins.plugins.runwayupscale.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar runway-upscale.jar}: wires the real console, including Ctrl-C, to {@link UpscaleCommand}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    interrupted.complete(null);
                    try {
                        // Let the command cancel the task and say its id before the JVM goes.
                        if (finished.await(10, TimeUnit.SECONDS)) {
                            Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "runway-upscale-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        Console console = new Console(System.getenv(), System.out, System.err, System.console() != null, interrupted);
        int code = UpscaleCommand.run(args, console);
        System.out.flush();
        System.err.flush();
        finished.countDown();
        if (interrupted.isDone()) {
            // Inside a shutdown already: the hook halts with 130.
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C came just now: the hook ends the JVM.
            return;
        }
        System.exit(code);
    }
}
