package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;

/**
 * A failed attempt, classified: the error to report, whether the retry table of docs/cometapi.md allows another
 * attempt, and how long the server asked us to wait.
 */
record CallFailure(RunwayException error, boolean retryable, Duration retryAfter) {
    static CallFailure finalFailure(RunwayException error) {
        return new CallFailure(error, false, null);
    }
}
