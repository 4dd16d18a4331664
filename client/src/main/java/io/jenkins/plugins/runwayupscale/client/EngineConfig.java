package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;

/** Settings of the shared engine: network timeouts, I/O threads, proxy. One engine serves every task in a JVM. */
public final class EngineConfig {
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int ioThreads;
    private final ProxySettings proxy;

    private EngineConfig(Builder b) {
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

    /** Collects engine settings with sensible defaults (10 s connect, 60 s response, one I/O thread, no proxy). */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private int ioThreads = 1;
        private ProxySettings proxy;

        private Builder() {}

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
