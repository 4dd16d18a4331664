package io.jenkins.plugins.runwayupscale;

import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.ModelOptions;
import java.util.Map;

/**
 * The two ways a Pipeline gives model options: a map ({@code [resolution: '4k', creativity: 30]}) or the form's
 * {@code key=value} lines. The step keeps lines, a type structs can describe; these convert between the two.
 */
final class PipelineOptions {
    private static final String FIELD = "options";

    private PipelineOptions() {}

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

    /** Lines as a map, or null when they do not parse (the Snippet Generator then shows them as they are). */
    static Map<String, Object> toMap(String lines) {
        try {
            return ModelOptions.parseLines(lines, FIELD);
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
