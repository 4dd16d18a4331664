package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a task from either shape CometAPI documents: the bare Runway task, or CometAPI's wrapper
 * {@code {"code","data":{...,"data":{bare task}}}}, preferring the nested Runway task when present. Every string
 * is taken through {@link ServerText}. The task's id is the one the answer names (the bare task's {@code id}, the
 * wrapper's {@code task_id}; the nested Runway task may carry Runway's own id), or the requested one when it
 * names none: the caller compares it with the id it asked for.
 */
final class TaskParser {
    private TaskParser() {}

    /** The task, or null when the JSON holds neither shape. */
    static RunwayTask parse(JsonNode root, String requestedId, ServerText text) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode wrapper = root.get("data");
        if (wrapper != null && wrapper.isObject()) {
            String id = firstNonNull(text.clean(Json.text(wrapper, "task_id"), ServerText.SHORT_LIMIT), requestedId);
            JsonNode nested = wrapper.get("data");
            if (nested != null && nested.isObject() && nested.hasNonNull("status")) {
                return bare(nested, id, text);
            }
            if (wrapper.hasNonNull("status")) {
                return wrapped(wrapper, id, text);
            }
            return null;
        }
        if (root.hasNonNull("status")) {
            return bare(
                    root, firstNonNull(text.clean(Json.text(root, "id"), ServerText.SHORT_LIMIT), requestedId), text);
        }
        return null;
    }

    private static RunwayTask bare(JsonNode node, String id, ServerText text) {
        String raw = text.clean(Json.text(node, "status"), ServerText.SHORT_LIMIT);
        return new RunwayTask(
                id,
                TaskStatus.parse(raw),
                raw,
                progress(node.get("progress")),
                outputs(node.get("output"), text),
                text.clean(Json.text(node, "failure"), ServerText.FAILURE_LIMIT),
                text.clean(Json.text(node, "failureCode"), ServerText.SHORT_LIMIT),
                text.clean(Json.text(node, "createdAt"), ServerText.SHORT_LIMIT));
    }

    private static RunwayTask wrapped(JsonNode data, String id, ServerText text) {
        String raw = text.clean(Json.text(data, "status"), ServerText.SHORT_LIMIT);
        String failure = text.clean(Json.text(data, "fail_reason"), ServerText.FAILURE_LIMIT);
        return new RunwayTask(
                id,
                TaskStatus.parse(raw),
                raw,
                progress(data.get("progress")),
                outputs(data.get("result_url"), text),
                failure == null || failure.isBlank() ? null : failure,
                null,
                text.clean(Json.text(data, "submit_time"), ServerText.SHORT_LIMIT));
    }

    /** Runway sends a float 0..1, the wrapper "N%"; a number above 1 can only be a percentage. */
    static Double progress(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        double value;
        if (node.isNumber()) {
            value = node.asDouble();
            if (value > 1) {
                value = value / 100;
            }
        } else {
            String text = node.asText().trim();
            boolean percent = text.endsWith("%");
            if (percent) {
                text = text.substring(0, text.length() - 1).trim();
            }
            if (text.isEmpty()) {
                return null;
            }
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return null;
            }
            if (percent || value > 1) {
                value = value / 100;
            }
        }
        if (Double.isNaN(value)) {
            return null;
        }
        return Math.max(0, Math.min(1, value));
    }

    private static List<String> outputs(JsonNode node, ServerText text) {
        List<String> urls = new ArrayList<>();
        if (node == null || node.isNull()) {
            return urls;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    url(n.asText(), text, urls);
                }
            });
        } else if (node.isTextual() && !node.asText().isBlank()) {
            String value = node.asText().trim();
            JsonNode inner = value.startsWith("[") ? Json.tryParse(value) : null;
            if (inner != null && inner.isArray()) {
                return outputs(inner, text);
            }
            url(value, text, urls);
        }
        return urls;
    }

    /** A URL cut short would point elsewhere: an overlong one is left out instead. */
    private static void url(String value, ServerText text, List<String> urls) {
        if (!value.isBlank() && value.length() <= ServerText.URL_LIMIT) {
            urls.add(text.clean(value, ServerText.URL_LIMIT));
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
