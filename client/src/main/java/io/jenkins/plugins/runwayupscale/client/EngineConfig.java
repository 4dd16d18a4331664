package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;

/** Settings of the shared engine: network timeouts, I/O threads, proxy, request rate per key. One engine serves every task in a JVM. */
public final class EngineConfig {
    /** Enough for about 120 tasks polled at the SDKs' cadence under one key. */
    public static final double DEFAULT_MAX_REQUESTS_PER_SECOND = 20;

    static final double MAX_REQUESTS_PER_SECOND = 10_000;

    /** Inline submissions under way at once (each streams its file); more wait their turn. */
    public static final int DEFAULT_MAX_INLINE_SUBMISSIONS = 4;

    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int ioThreads;
    private final ProxySettings proxy;
    private final double maxRequestsPerSecond;
    private final int maxInlineSubmissions;

    private EngineConfig(Builder b) {
        this.maxInlineSubmissions = b.maxInlineSubmissions;
        this.maxRequestsPerSecond = b.maxRequestsPerSecond;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.ioThreads = b.ioThreads;
        this.proxy = b.proxy;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** I/O dispatcher threads; the HTTP client adds one more thread of its own for connection set-up. */
    public int ioThreads() {
        return ioThreads;
    }

    /** The proxy to use, or null for direct connections. */
    public ProxySettings proxy() {
        return proxy;
    }

    /**
     * The most requests per second the engine sends with one API key, all its tasks together; a 429 slows the key
     * down below this and it recovers gradually.
     */
    public double maxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    /**
     * How many submissions of inline videos the engine has under way at once, all keys together: each holds its file
     * open and streams it until the answer comes. Further ones queue (no thread, no open file) in the order they
     * came, within their own deadlines.
     */
    public int maxInlineSubmissions() {
        return maxInlineSubmissions;
    }

    /**
     * Collects engine settings with sensible defaults (10 s connect, 60 s response, one I/O thread, no proxy, at most
     * {@value #DEFAULT_MAX_REQUESTS_PER_SECOND} requests per second per key).
     */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private int ioThreads = 1;
        private ProxySettings proxy;
        private int maxInlineSubmissions = DEFAULT_MAX_INLINE_SUBMISSIONS;
        private double maxRequestsPerSecond = DEFAULT_MAX_REQUESTS_PER_SECOND;

        private Builder() {}

        /** At most this many requests per second per API key (above 0, at most 10,000). */
        public Builder maxRequestsPerSecond(double value) {
            if (!(value > 0) || value > MAX_REQUESTS_PER_SECOND) {
                throw new IllegalArgumentException("the request rate per key must be above 0 and at most "
                        + (int) MAX_REQUESTS_PER_SECOND + " per second");
            }
            this.maxRequestsPerSecond = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connect timeout");
            return this;
        }

        public Builder responseTimeout(Duration value) {
            this.responseTimeout = positive(value, "response timeout");
            return this;
        }

        public Builder ioThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("I/O threads must be at least 1");
            }
            this.ioThreads = value;
            return this;
        }

        /** At least 1; see {@link EngineConfig#maxInlineSubmissions()}. */
        public Builder maxInlineSubmissions(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("inline submissions under way at once must be at least 1");
            }
            this.maxInlineSubmissions = value;
            return this;
        }

        public Builder proxy(ProxySettings value) {
            this.proxy = value;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
