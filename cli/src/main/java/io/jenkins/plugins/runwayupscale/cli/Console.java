package io.jenkins.plugins.runwayupscale.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a run of the command sees of the world: environment, output streams, whether stderr is a terminal, and a
 * signal that completes when the user presses Ctrl-C. Tests pass their own.
 *
 * @param env environment variables
 * @param out standard output (output URLs only)
 * @param err standard error (everything for people)
 * @param terminal whether to draw a progress bar
 * @param interrupted completes on Ctrl-C
 */
record Console(
        Map<String, String> env,
        PrintStream out,
        PrintStream err,
        boolean terminal,
        CompletableFuture<Void> interrupted) {}
