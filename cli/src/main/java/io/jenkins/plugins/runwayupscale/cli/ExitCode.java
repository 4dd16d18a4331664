package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.TaskCancelledException;
import io.jenkins.plugins.runwayupscale.client.TaskFailedException;
import io.jenkins.plugins.runwayupscale.client.TaskTimedOutException;

/** The documented exit codes; scripts depend on them. */
final class ExitCode {
    static final int SUCCEEDED = 0;
    static final int TASK_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int API_ERROR = 3;
    static final int TIMED_OUT = 4;
    static final int INTERRUPTED = 130;

    private ExitCode() {}

    static int of(Throwable failure) {
        if (failure instanceof TaskFailedException || failure instanceof TaskCancelledException) {
            return TASK_FAILED;
        }
        if (failure instanceof InvalidInputException invalid && !invalid.wasSent()) {
            return BAD_INPUT;
        }
        if (failure instanceof TaskTimedOutException) {
            return TIMED_OUT;
        }
        return API_ERROR;
    }
}
