package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.TaskReport;

/** The documented exit codes; scripts depend on them. */
final class ExitCode {
    static final int SUCCEEDED = 0;
    static final int TASK_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int API_ERROR = 3;
    static final int TIMED_OUT = 4;
    static final int INTERRUPTED = 130;

    private ExitCode() {}

    /** The code for a run that ended with {@code failure}; it follows the status the task's report gets. */
    static int of(Throwable failure) {
        return switch (TaskReport.Status.of(failure)) {
            case FAILED, CANCELLED -> TASK_FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case SUCCEEDED, ERROR ->
                failure instanceof InvalidInputException invalid && !invalid.wasSent() ? BAD_INPUT : API_ERROR;
        };
    }
}
