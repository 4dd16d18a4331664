package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a task from either shape CometAPI documents: the bare Runway task, or CometAPI's wrapper
 * {@code {"code","data":{...,"data":{bare task}}}}, preferring the nested Runway task when present.
 */
final class TaskParser {
    private TaskParser() {}

    /** The task, or null when the JSON holds neither shape. */
    static RunwayTask parse(JsonNode root, String requestedId) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode wrapper = root.get("data");
        if (wrapper != null && wrapper.isObject()) {
            JsonNode nested = wrapper.get("data");
            if (nested != null && nested.isObject() && nested.hasNonNull("status")) {
                return bare(nested, firstNonNull(Json.text(nested, "id"), Json.text(wrapper, "task_id"), requestedId));
            }
            if (wrapper.hasNonNull("status")) {
                return wrapped(wrapper, requestedId);
            }
            return null;
        }
        if (root.hasNonNull("status")) {
            return bare(root, firstNonNull(Json.text(root, "id"), requestedId));
        }
        return null;
    }

    private static RunwayTask bare(JsonNode node, String id) {
        String raw = Json.text(node, "status");
        return new RunwayTask(
                id,
                TaskStatus.parse(raw),
                raw,
                progress(node.get("progress")),
                outputs(node.get("output")),
                Json.text(node, "failure"),
                Json.text(node, "failureCode"),
                Json.text(node, "createdAt"));
    }

    private static RunwayTask wrapped(JsonNode data, String requestedId) {
        String raw = Json.text(data, "status");
        String failure = Json.text(data, "fail_reason");
        return new RunwayTask(
                firstNonNull(Json.text(data, "task_id"), requestedId),
                TaskStatus.parse(raw),
                raw,
                progress(data.get("progress")),
                outputs(data.get("result_url")),
                failure == null || failure.isBlank() ? null : failure,
                null,
                Json.text(data, "submit_time"));
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

    private static List<String> outputs(JsonNode node) {
        List<String> urls = new ArrayList<>();
        if (node == null || node.isNull()) {
            return urls;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual() && !n.asText().isBlank()) {
                    urls.add(n.asText().trim());
                }
            });
        } else if (node.isTextual() && !node.asText().isBlank()) {
            String text = node.asText().trim();
            JsonNode inner = text.startsWith("[") ? Json.tryParse(text) : null;
            if (inner != null && inner.isArray()) {
                return outputs(inner);
            }
            urls.add(text);
        }
        return urls;
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
