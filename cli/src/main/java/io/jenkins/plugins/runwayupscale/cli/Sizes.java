package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes such as {@code 2GB}, {@code 5MB}, {@code 800KB} or {@code 1048576} (bytes); KB, MB and GB are 1024-based. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)?");

    private Sizes() {}

    static long parse(String text, String option) throws InvalidInputException {
        Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw InvalidInputException.local(
                    option, "'" + text + "' is not a positive size such as 2GB, 5MB, 800KB or 1048576");
        }
        long number = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "GB" -> number * 1024 * DataUriLimit.MB;
            case "MB" -> number * DataUriLimit.MB;
            case "KB" -> number * 1024;
            default -> number;
        };
    }
}
