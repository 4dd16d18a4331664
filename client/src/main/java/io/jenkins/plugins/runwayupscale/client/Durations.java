package io.jenkins.plugins.runwayupscale.client;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-friendly durations for messages ("90s", "2m 5s", "1h 0m"). */
public final class Durations {
    private Durations() {}

    public static String describe(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds == 0 && !d.isZero() ? d.toMillis() + "ms" : seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
    }

    /** Parses "90s", "30m", "1h", "500ms", "2h30m" or a bare number of seconds. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration; use e.g. 90s, 30m or 1h");
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        Matcher m = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    });
            end = m.end();
        }
        if (end != s.length() || end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 90s, 30m, 1h or 2h30m");
        }
        return total;
    }
}
