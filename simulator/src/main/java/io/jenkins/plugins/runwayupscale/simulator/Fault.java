package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something going wrong on purpose: what the server does instead of (or besides) answering normally.
 *
 * @param kind what happens
 * @param status HTTP status for {@link Kind#STATUS} and {@link Kind#CREATE_THEN_STATUS}
 * @param headers extra response headers (e.g. Retry-After)
 * @param code error code put in the error envelope; for {@link Kind#UNKNOWN_STATUS} the status value reported
 * @param delay how long to wait first (real time), for {@link Kind#SLOW}; between bytes for {@link Kind#DRIP}
 * @param text the body for {@link Kind#BODY}, the task id for {@link Kind#CREATE_AS}
 * @param bytes the body's size for {@link Kind#HUGE_BODY}
 */
public record Fault(
        Kind kind, int status, Map<String, String> headers, String code, Duration delay, String text, long bytes) {

    /** The kinds of fault the simulator can inject. */
    public enum Kind {
        /** Answer with an HTTP status and CometAPI's error envelope. */
        STATUS,
        /** Answer normally, but only after a delay (no server thread waits meanwhile). */
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
        CREATE_THEN_STATUS,
        /** Downloads only: promise the whole output, send half of it, then close the connection. */
        TRUNCATED_BODY,
        /** Answer with a status and exactly this JSON body; {@code {id}} in it becomes the id the path names. */
        BODY,
        /** A valid submission creates the task under this id, whatever it is, and answers it. */
        CREATE_AS,
        /** Submissions and task reads: headers at once, then the normal body one byte at a time. */
        DRIP,
        /** Answer with a status and a body of a given size, streamed, with or without Content-Length. */
        HUGE_BODY
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(delay, "delay");
    }

    /** A fault of the kinds that need neither a body nor a size. */
    public Fault(Kind kind, int status, Map<String, String> headers, String code, Duration delay) {
        this(kind, status, headers, code, delay, null, 0);
    }

    /**
     * Answers this status with exactly this body (as {@code application/json}); {@code {id}} in the body becomes
     * the task id the request path names, so a test can make a task read say anything about the real task.
     */
    public static Fault body(int status, String body) {
        return new Fault(Kind.BODY, status, Map.of(), null, Duration.ZERO, Objects.requireNonNull(body), 0);
    }

    /** A valid submission creates the task under {@code id} (any text, even {@code ../../x}) and answers it. */
    public static Fault createAs(String id) {
        return new Fault(Kind.CREATE_AS, 200, Map.of(), null, Duration.ZERO, Objects.requireNonNull(id), 0);
    }

    /**
     * The normal answer to a submission (the task is created), a task read or a download of an output, its headers
     * at once with the full Content-Length, then its body one byte every {@code interval}: a slow-drip server. No
     * thread waits meanwhile.
     */
    public static Fault drip(Duration interval) {
        return new Fault(Kind.DRIP, 200, Map.of(), null, interval);
    }

    /**
     * This status with a body of {@code bytes} bytes (an error envelope padded with filler), streamed without
     * holding it in memory; with its Content-Length when {@code declared}, chunked otherwise.
     */
    public static Fault hugeBody(int status, long bytes, boolean declared) {
        return new Fault(
                Kind.HUGE_BODY, status, Map.of(), declared ? "declared" : "chunked", Duration.ZERO, null, bytes);
    }

    /** That status with the error envelope; e.g. 500, 502, 503, 504 or 524. */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, Map.of(), "simulated_error", Duration.ZERO);
    }

    /** That status with the error envelope carrying this {@code error.code}, e.g. 500 with invalid_request. */
    public static Fault status(int status, String code) {
        return new Fault(Kind.STATUS, status, Map.of(), code, Duration.ZERO);
    }

    /** HTTP 429 asking the client to wait {@code seconds} through {@code Retry-After}. */
    public static Fault rateLimited(int seconds) {
        return status(429, "rate_limit_exceeded").withHeader("Retry-After", Integer.toString(seconds));
    }

    /** HTTP 429 asking the client to wait {@code millis} through {@code retry-after-ms} alone. */
    public static Fault rateLimitedMillis(long millis) {
        return status(429, "rate_limit_exceeded").withHeader("retry-after-ms", Long.toString(millis));
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 200, Map.of(), null, delay);
    }

    /** A task read whose status is {@code value}, e.g. {@code WARMING_UP}. */
    public static Fault unknownStatus(String value) {
        return new Fault(Kind.UNKNOWN_STATUS, 200, Map.of(), Objects.requireNonNull(value), Duration.ZERO);
    }

    /** A fault that needs no parameters; {@link Kind#UNKNOWN_STATUS} reports WARMING_UP, CREATE_THEN_STATUS 502. */
    public static Fault of(Kind kind) {
        return switch (kind) {
            case UNKNOWN_STATUS -> unknownStatus("WARMING_UP");
            case CREATE_THEN_STATUS -> createThenStatus(502);
            case STATUS -> status(500);
            default -> new Fault(kind, 0, Map.of(), null, Duration.ZERO);
        };
    }

    /** Creates the task, then answers this status: the client must not submit again. */
    public static Fault createThenStatus(int status) {
        return new Fault(Kind.CREATE_THEN_STATUS, status, Map.of(), "upstream_error", Duration.ZERO);
    }

    /** The same fault with one more response header (for faults that answer with a status). */
    public Fault withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Fault(kind, status, more, code, delay, text, bytes);
    }
}
