package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * Something going wrong on purpose: what the server does instead of (or besides) answering normally.
 *
 * @param kind what happens
 * @param status HTTP status for {@link Kind#STATUS} and {@link Kind#CREATE_THEN_STATUS}
 * @param headers extra response headers (e.g. Retry-After)
 * @param code error code put in the error envelope
 * @param delay how long to wait first, for {@link Kind#SLOW}
 */
public record Fault(Kind kind, int status, Map<String, String> headers, String code, Duration delay) {

    /** The kinds of fault the simulator can inject. */
    public enum Kind {
        /** Answer with an HTTP status and CometAPI's error envelope. */
        STATUS,
        /** Answer normally, but only after a delay. */
        SLOW,
        /** Close the connection without answering. */
        RESET,
        /** Answer 200 with an HTML page. */
        HTML,
        /** Answer 301 to another place. */
        REDIRECT,
        /** Answer 200 with broken JSON. */
        MALFORMED_JSON,
        /** Answer a task read with a status nobody documented. */
        UNKNOWN_STATUS,
        /** Answer a task read with CometAPI's {@code task_not_exist} (HTTP 400). */
        TASK_NOT_EXIST,
        /** Create the task, then close the connection without answering: the client cannot know the id. */
        CREATE_THEN_RESET,
        /** Create the task, then answer with an error status. */
        CREATE_THEN_STATUS
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, Map.of(), "simulated_error", Duration.ZERO);
    }

    public static Fault status(int status, String code) {
        return new Fault(Kind.STATUS, status, Map.of(), code, Duration.ZERO);
    }

    /** HTTP 429 asking the client to wait {@code seconds}. */
    public static Fault rateLimited(int seconds) {
        return new Fault(Kind.STATUS, 429, Map.of("Retry-After", Integer.toString(seconds)), "rate_limit_exceeded", Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 200, Map.of(), null, delay);
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, kind == Kind.CREATE_THEN_STATUS ? 502 : 0, Map.of(), null, Duration.ZERO);
    }

    public static Fault createThenStatus(int status) {
        return new Fault(Kind.CREATE_THEN_STATUS, status, Map.of(), "upstream_error", Duration.ZERO);
    }
}
