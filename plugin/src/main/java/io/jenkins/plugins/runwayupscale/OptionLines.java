package io.jenkins.plugins.runwayupscale;

import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.ModelOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Model options as the form's {@code key=value} lines: what the Pipeline step holds (a Pipeline's map is turned into
 * them, a type structs can describe) and what the freestyle step reads, with build variables in its values.
 */
final class OptionLines {
    private static final String FIELD = "options";

    private OptionLines() {}

    /**
     * A Pipeline's map as lines. Checked here, so a bad name or value is refused with the same words as anywhere
     * else; a value holding a line break is refused, as it would add lines.
     *
     * @throws IllegalArgumentException with a message for the Pipeline's author
     */
    static String toLines(Map<?, ?> options) {
        Map<String, Object> checked;
        try {
            checked = ModelOptions.check(options, FIELD);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        for (Map.Entry<String, Object> option : checked.entrySet()) {
            if (option.getValue() instanceof String text && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
                throw new IllegalArgumentException(
                        FIELD + ": the value of option '" + option.getKey() + "' holds a line break; give one line");
            }
        }
        return ModelOptions.toLines(checked);
    }

    /**
     * The freestyle form's lines, parsed first and then each value expanded ({@code resolution=$RES}): a build
     * variable never adds or changes a line, whatever it holds. An expanded value is typed as a written one is.
     */
    static Map<String, Object> parseThenExpand(String lines, UnaryOperator<String> expand)
            throws InvalidInputException {
        Map<String, Object> written = ModelOptions.parseLines(lines, FIELD);
        Map<String, Object> expanded = new LinkedHashMap<>();
        for (Map.Entry<String, Object> option : written.entrySet()) {
            Object value = option.getValue();
            if (value instanceof String text && text.indexOf('$') >= 0) {
                String name = option.getKey();
                value = ModelOptions.parse(List.of(name + "=" + expand.apply(text)), FIELD)
                        .get(name);
            }
            expanded.put(option.getKey(), value);
        }
        return ModelOptions.check(expanded, FIELD);
    }

    /** Lines as a map, or null when they do not parse (the Snippet Generator then shows them as they are). */
    static Map<String, Object> toMap(String lines) {
        try {
            return ModelOptions.parseLines(lines, FIELD);
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
