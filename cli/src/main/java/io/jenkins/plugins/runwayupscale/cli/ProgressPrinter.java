package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.WaitListener;
import java.io.PrintStream;

/**
 * Tells a person on stderr how the task is doing: a redrawn bar on a terminal, plain lines otherwise (each status
 * change, and progress in 10% steps) so logs stay readable.
 */
final class ProgressPrinter implements WaitListener {
    private static final int BAR = 30;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean quiet;
    private int lastTenth = -1;
    private boolean barShown;

    ProgressPrinter(PrintStream err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    void say(String line) {
        if (!quiet) {
            endBar();
            err.println(line);
        }
    }

    /** Messages that must show even with --quiet: failures. */
    void warn(String line) {
        endBar();
        err.println(line);
    }

    @Override
    public synchronized void statusChanged(RunwayTask task) {
        if (terminal) {
            drawBar(task);
        } else {
            say("Task " + task.id() + ": " + task.describeStatus());
            lastTenth = task.progress() == null ? -1 : task.percent() / 10;
        }
    }

    @Override
    public synchronized void progressChanged(RunwayTask task) {
        if (terminal) {
            drawBar(task);
            return;
        }
        int tenth = task.percent() / 10;
        if (tenth > lastTenth) {
            lastTenth = tenth;
            say("Task " + task.id() + ": " + task.describeStatus());
        }
    }

    @Override
    public void unknownStatus(RunwayTask task) {
        say("Task " + task.id() + " reports status '" + task.rawStatus()
                + "', which this tool does not know; waiting on until it ends or the timeout passes.");
    }

    @Override
    public void notYetVisible(String taskId) {
        say("Task " + taskId
                + " is not visible yet (CometAPI answers task_not_exist right after submission); waiting.");
    }

    private void drawBar(RunwayTask task) {
        if (quiet) {
            return;
        }
        int filled = task.progress() == null ? 0 : (int) Math.round(task.progress() * BAR);
        String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
        err.print("\r[" + bar + "] " + String.format("%-22s", task.describeStatus()) + " task " + task.id());
        err.flush();
        barShown = true;
    }

    private void endBar() {
        if (barShown) {
            err.println();
            barShown = false;
        }
    }
}
