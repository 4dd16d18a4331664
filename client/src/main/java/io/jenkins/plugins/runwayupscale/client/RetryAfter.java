package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads how long a server asked us to wait: {@code retry-after-ms}, or {@code Retry-After} in seconds or as an HTTP date. */
final class RetryAfter {
    private RetryAfter() {}

    /** The requested wait, or null when the answer asks for none or says it in a form we do not understand. */
    static Duration of(HttpAnswer answer, Instant now) {
        String ms = answer.header("retry-after-ms");
        if (ms != null) {
            try {
                return nonNegative(Duration.ofNanos((long) (Double.parseDouble(ms.trim()) * 1_000_000)));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String value = answer.header("retry-after");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return nonNegative(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return nonNegative(Duration.between(now, at));
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
