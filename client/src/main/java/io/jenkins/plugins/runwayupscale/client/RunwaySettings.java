package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What to ask CometAPI for and how long to wait: base URL, Runway version, model and its options, deadlines. */
public final class RunwaySettings {
    public static final String DEFAULT_BASE_URL = "https://api.cometapi.com";
    public static final String DEFAULT_RUNWAY_VERSION = "2024-11-06";
    public static final String DEFAULT_MODEL = "upscale_v1";
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(60);
    public static final Duration DEFAULT_TASK_NOT_EXIST_GRACE = Duration.ofMinutes(3);

    private static final Pattern VERSION = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._-]+");

    private final URI baseUrl;
    private final String runwayVersion;
    private final String model;
    private final Map<String, Object> modelOptions;
    private final Duration waitTimeout;
    private final Duration taskNotExistGrace;
    private final DataUriLimit dataUriLimit;

    private RunwaySettings(Builder b, URI baseUrl, Map<String, Object> modelOptions) {
        this.baseUrl = baseUrl;
        this.runwayVersion = b.runwayVersion;
        this.model = b.model;
        this.modelOptions = modelOptions;
        this.waitTimeout = b.waitTimeout;
        this.taskNotExistGrace = b.taskNotExistGrace;
        this.dataUriLimit = DataUriLimit.of(b.model, b.dataUriLimit);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RunwaySettings defaults() {
        try {
            return builder().build();
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String runwayVersion() {
        return runwayVersion;
    }

    public String model() {
        return model;
    }

    /** Extra body fields for models that take them (e.g. {@code resolution} for magnific_video_upscaler_creative). */
    public Map<String, Object> modelOptions() {
        return modelOptions;
    }

    public Duration waitTimeout() {
        return waitTimeout;
    }

    public Duration taskNotExistGrace() {
        return taskNotExistGrace;
    }

    /** How large a video sent inline may be: the model's limit unless overridden. */
    public DataUriLimit dataUriLimit() {
        return dataUriLimit;
    }

    /** Collects settings; {@link #build()} checks each one and names the field that is wrong. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String runwayVersion = DEFAULT_RUNWAY_VERSION;
        private String model = DEFAULT_MODEL;
        private final Map<String, Object> modelOptions = new LinkedHashMap<>();
        private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        private Duration taskNotExistGrace = DEFAULT_TASK_NOT_EXIST_GRACE;
        private Long dataUriLimit;

        private Builder() {}

        /** Blank means the default. */
        public Builder baseUrl(String value) {
            this.baseUrl = blankTo(value, DEFAULT_BASE_URL);
            return this;
        }

        /** Blank means the default. */
        public Builder runwayVersion(String value) {
            this.runwayVersion = blankTo(value, DEFAULT_RUNWAY_VERSION);
            return this;
        }

        /** Blank means the default. */
        public Builder model(String value) {
            this.model = value == null ? DEFAULT_MODEL : value.trim();
            return this;
        }

        public Builder modelOption(String name, Object value) {
            this.modelOptions.put(name, value);
            return this;
        }

        public Builder modelOptions(Map<String, ?> options) {
            this.modelOptions.putAll(options);
            return this;
        }

        public Builder waitTimeout(Duration value) {
            this.waitTimeout = value;
            return this;
        }

        public Builder taskNotExistGrace(Duration value) {
            this.taskNotExistGrace = value;
            return this;
        }

        /** Overrides the model's data-URI limit, in bytes of video; null keeps the model's. */
        public Builder dataUriLimit(Long bytes) {
            this.dataUriLimit = bytes;
            return this;
        }

        public RunwaySettings build() throws InvalidInputException {
            URI uri = checkBaseUrl(baseUrl);
            if (!VERSION.matcher(runwayVersion).matches()) {
                throw InvalidInputException.local(
                        "Runway version",
                        "'" + Excerpt.cut(runwayVersion, 40) + "' is not a date of the form YYYY-MM-DD (e.g. "
                                + DEFAULT_RUNWAY_VERSION + ")");
            }
            if (model.isBlank()) {
                throw InvalidInputException.local(
                        "model", "is blank; use " + DEFAULT_MODEL + " or another Runway upscale model");
            }
            if (!MODEL.matcher(model).matches()) {
                throw InvalidInputException.local(
                        "model", "'" + Excerpt.cut(model, 60) + "' may contain only letters, digits, '.', '_' and '-'");
            }
            Map<String, Object> options = ModelOptions.check(modelOptions, "model options");
            if (dataUriLimit != null && dataUriLimit < 1) {
                throw InvalidInputException.local("data-URI limit", "must be positive");
            }
            if (waitTimeout == null || waitTimeout.isNegative() || waitTimeout.isZero()) {
                throw InvalidInputException.local("timeout", "must be positive");
            }
            if (taskNotExistGrace == null || taskNotExistGrace.isNegative()) {
                throw InvalidInputException.local("task_not_exist grace window", "must not be negative");
            }
            return new RunwaySettings(this, uri, options);
        }

        private static String blankTo(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        private static URI checkBaseUrl(String value) throws InvalidInputException {
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw InvalidInputException.local("base URL", "'" + Excerpt.cut(value, 100) + "' is not a valid URL");
            }
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw InvalidInputException.local(
                        "base URL",
                        "'" + Excerpt.cut(value, 100) + "' must be an absolute URL such as " + DEFAULT_BASE_URL);
            }
            if (uri.getRawUserInfo() != null) {
                throw InvalidInputException.local(
                        "base URL", "must not contain user information; the key is a credential");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && Hosts.isLoopback(uri.getHost()))) {
                throw InvalidInputException.local(
                        "base URL",
                        "must use https (plain http is accepted only for a loopback host such as a local simulator)");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw InvalidInputException.local("base URL", "must not have a query or fragment");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return URI.create(scheme + "://" + uri.getRawAuthority() + path);
        }
    }
}
