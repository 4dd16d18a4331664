package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter, capped at 60 s; a server's own Retry-After wins when it asks for longer. */
final class Backoff {
    static final Duration BASE = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofSeconds(60);

    private final RandomGenerator random;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
    Duration delay(int attempt, Duration retryAfter) {
        long exponential = BASE.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(exponential, CAP.toMillis());
        // "Equal jitter": keeps at least half the backoff, so many clients spread out without retrying at once.
        long jittered = capped / 2 + (long) (random.nextDouble() * (capped / 2.0));
        long wait = retryAfter == null ? jittered : Math.max(retryAfter.toMillis(), jittered / 4);
        return Duration.ofMillis(Math.min(wait, CAP.toMillis()));
    }
}
