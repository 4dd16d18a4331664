package io.jenkins.plugins.runwayupscale.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Extra fields a model takes in the request body (e.g. {@code resolution}, {@code creativity}), checked the same way
 * wherever they come from: the command line's {@code --option key=value}, a Pipeline map, a form's key=value lines.
 * Names are letters, digits and underscores; values are strings, numbers or booleans; at most {@value #MAX_OPTIONS}
 * options, names and values of at most {@value #MAX_LENGTH} characters; {@code videoUri} and {@code model} are refused
 * in any case.
 */
public final class ModelOptions {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    // Two flat patterns rather than an optional exponent group: nothing in them can backtrack into itself.
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern DECIMAL_WITH_EXPONENT = Pattern.compile("-?\\d+\\.\\d+[eE][-+]?\\d+");
    private static final List<String> RESERVED = List.of("videoUri", "model");

    /** Runway's models take a handful of options; a longer list is a mistake or an attack on the request's size. */
    public static final int MAX_OPTIONS = 32;

    /** The longest option name, and the longest value (as text), in characters. */
    public static final int MAX_LENGTH = 1000;

    private ModelOptions() {}

    /**
     * Checks names and values and normalizes numbers to {@code Long} or {@code Double}, so the map serializes
     * and compares the same whatever produced it (Groovy gives {@code Integer} and {@code BigDecimal}).
     *
     * @param field how the user knows the setting, for messages
     */
    public static Map<String, Object> check(Map<?, ?> options, String field) throws InvalidInputException {
        Map<String, Object> checked = new LinkedHashMap<>();
        if (options == null) {
            return Collections.unmodifiableMap(checked);
        }
        if (options.size() > MAX_OPTIONS) {
            throw InvalidInputException.local(
                    field, options.size() + " options given; at most " + MAX_OPTIONS + " are accepted");
        }
        for (Map.Entry<?, ?> option : options.entrySet()) {
            String name = checkName(option.getKey(), field);
            if (checked.containsKey(name)) {
                throw InvalidInputException.local(field, "'" + name + "' is given twice");
            }
            checked.put(name, checkValue(name, option.getValue(), field));
        }
        return Collections.unmodifiableMap(checked);
    }

    /**
     * Parses {@code key=value} pairs; {@code true}/{@code false} and numbers keep their JSON type, anything else is a
     * string (quote nothing: {@code resolution=4k}).
     */
    public static Map<String, Object> parse(List<String> pairs, String field) throws InvalidInputException {
        Map<String, Object> options = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw InvalidInputException.local(
                        field, "'" + Excerpt.cut(pair, 80) + "' is not of the form key=value");
            }
            String name = pair.substring(0, eq).trim();
            if (options.containsKey(name)) {
                throw InvalidInputException.local(field, "'" + name + "' is given twice");
            }
            options.put(name, value(pair.substring(eq + 1).trim()));
        }
        return check(options, field);
    }

    /** Parses one {@code key=value} per line; blank lines and lines starting with {@code #} are skipped. */
    public static Map<String, Object> parseLines(String text, String field) throws InvalidInputException {
        if (text == null) {
            return Map.of();
        }
        return parse(
                text.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .toList(),
                field);
    }

    /** The inverse of {@link #parseLines}: one {@code key=value} per line. */
    public static String toLines(Map<String, ?> options) {
        StringBuilder text = new StringBuilder();
        options.forEach(
                (name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static String checkName(Object key, String field) throws InvalidInputException {
        String name = key == null ? "" : key.toString();
        if (name.length() > MAX_LENGTH) {
            throw InvalidInputException.local(
                    field,
                    "option name '" + Excerpt.cut(name, 60) + "' is " + name.length() + " characters long; at most "
                            + MAX_LENGTH + " are accepted");
        }
        if (!NAME.matcher(name).matches()) {
            throw InvalidInputException.local(
                    field,
                    "option name '" + Excerpt.cut(name, 60) + "' may contain only letters, digits and underscores");
        }
        // Case-insensitively: a gateway or model that reads field names loosely must never see a second videoUri.
        for (String reserved : RESERVED) {
            if (reserved.equalsIgnoreCase(name)) {
                throw InvalidInputException.local(
                        field,
                        "'" + name + "' cannot be set as an option; it is the request's own '" + reserved
                                + "' field, which has its own setting");
            }
        }
        return name;
    }

    private static Object checkValue(String name, Object value, String field) throws InvalidInputException {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence text) {
            if (text.length() > MAX_LENGTH) {
                throw InvalidInputException.local(
                        field,
                        "option '" + name + "' has a value of " + text.length() + " characters; at most " + MAX_LENGTH
                                + " are accepted");
            }
            // Pipeline hands interpolated strings ("${res}") over as Groovy GStrings, which are CharSequences.
            return text.toString();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        String what = value == null
                ? "no value"
                : value instanceof Collection<?>
                        ? "a list"
                        : value instanceof Map<?, ?>
                                ? "a map"
                                : "a value of type " + value.getClass().getSimpleName();
        throw InvalidInputException.local(
                field, "option '" + name + "' has " + what + "; use a string, a number or a boolean");
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (INTEGER.matcher(text).matches()) {
            return Long.valueOf(text);
        }
        if (DECIMAL.matcher(text).matches()
                || DECIMAL_WITH_EXPONENT.matcher(text).matches()) {
            return Double.valueOf(text);
        }
        return text;
    }
}
