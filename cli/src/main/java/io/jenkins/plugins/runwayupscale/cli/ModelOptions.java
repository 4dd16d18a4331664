package io.jenkins.plugins.runwayupscale.cli;

import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns repeated {@code --option key=value} into body fields: numbers and booleans keep their JSON type. */
final class ModelOptions {
    private ModelOptions() {}

    static Map<String, Object> parse(List<String> pairs) throws InvalidInputException {
        Map<String, Object> options = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw InvalidInputException.local("--option", "'" + pair + "' is not of the form key=value");
            }
            options.put(
                    pair.substring(0, eq).trim(), value(pair.substring(eq + 1).trim()));
        }
        return options;
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.valueOf(text);
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(text);
        }
        return text;
    }
}
