package io.jenkins.plugins.runwayupscale.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * CometAPI's rate limit, per key: at most N API requests in each second of real time (the time scale does not
 * apply); beyond that, 429 with {@code Retry-After} until the second ends. Counts every API request per second of
 * the simulator's life, admitted or not, for tools that check a client's request rate.
 */
final class RateLimit {
    /** Seconds of per-second counts kept: an hour. */
    static final int SECONDS_KEPT = 3600;

    private final int perSecond;
    private final Clock clock;
    private final long startedMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLongArray requestsPerSecond = new AtomicLongArray(SECONDS_KEPT);
    private final AtomicLongArray refusedPerSecond = new AtomicLongArray(SECONDS_KEPT);
    private final LongAdder refused = new LongAdder();

    RateLimit(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
        this.startedMillis = clock.millis();
    }

    /** Whether a request with this Authorization header may go on now; null headers share one window. */
    boolean admit(String authorization) {
        long now = clock.millis();
        int second = (int) ((now - startedMillis) / 1000);
        if (second < SECONDS_KEPT) {
            requestsPerSecond.incrementAndGet(second);
        }
        boolean admitted = windows.computeIfAbsent(digest(authorization), k -> new Window())
                .admit(now / 1000, perSecond);
        if (!admitted) {
            refused.increment();
            if (second < SECONDS_KEPT) {
                refusedPerSecond.incrementAndGet(second);
            }
        }
        return admitted;
    }

    /** Keys are told apart by a digest, so the limiter holds none of them. */
    private static String digest(String authorization) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(String.valueOf(authorization).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Milliseconds until the current second ends, when the window opens again. */
    long millisToNextSecond() {
        return 1000 - clock.millis() % 1000;
    }

    long refused() {
        return refused.sum();
    }

    /** API requests in each whole second since the simulator started, up to the last one with any. */
    long[] requestsPerSecond() {
        return upToLastRequest(requestsPerSecond);
    }

    /** Of those, the ones answered 429, second by second. */
    long[] refusedPerSecond() {
        return upToLastRequest(refusedPerSecond);
    }

    private long[] upToLastRequest(AtomicLongArray counts) {
        int last = SECONDS_KEPT - 1;
        while (last >= 0 && requestsPerSecond.get(last) == 0) {
            last--;
        }
        long[] out = new long[last + 1];
        for (int i = 0; i <= last; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    private static final class Window {
        private long second = -1;
        private int count;

        synchronized boolean admit(long now, int limit) {
            if (now != second) {
                second = now;
                count = 0;
            }
            return ++count <= limit;
        }
    }
}
