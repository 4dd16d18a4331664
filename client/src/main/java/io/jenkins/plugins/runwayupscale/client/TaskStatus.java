package io.jenkins.plugins.runwayupscale.client;

import java.util.Locale;

/** Where a Runway task stands; CometAPI's wrapper statuses map onto Runway's, anything else is {@link #UNKNOWN}. */
public enum TaskStatus {
    PENDING(false),
    THROTTLED(false),
    RUNNING(false),
    SUCCEEDED(true),
    FAILED(true),
    CANCELLED(true),
    UNKNOWN(false);

    private final boolean terminal;

    TaskStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Maps a status from either response shape; never null. */
    public static TaskStatus parse(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        return switch (raw.trim().toUpperCase(Locale.ROOT)) {
            case "PENDING", "NOT_START", "SUBMITTED", "QUEUED" -> PENDING;
            case "THROTTLED" -> THROTTLED;
            case "RUNNING", "IN_PROGRESS" -> RUNNING;
            case "SUCCEEDED", "SUCCESS" -> SUCCEEDED;
            case "FAILED", "FAILURE" -> FAILED;
            case "CANCELLED", "CANCELED" -> CANCELLED;
            default -> UNKNOWN;
        };
    }
}
