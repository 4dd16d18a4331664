package io.jenkins.plugins.runwayupscale.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Renders a task in either of CometAPI's shapes, and the error envelope. */
final class TaskJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TaskJson() {
    }

    static String render(SimulatedTask task, TaskState state, ResponseShape shape, String outputUrl, String statusOverride) {
        ObjectNode bare = bare(task, state, outputUrl, statusOverride);
        if (shape == ResponseShape.BARE) {
            return bare.toString();
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("code", "success");
        root.put("message", "");
        ObjectNode data = root.putObject("data");
        data.put("task_id", task.id());
        data.put("action", "video_upscale");
        data.put("status", statusOverride != null ? statusOverride : wrapperStatus(state.status()));
        data.put("fail_reason", state.status().equals("FAILED") ? task.scenario().failure() : "");
        data.put("submit_time", task.createdAt().getEpochSecond());
        data.put("start_time", 0);
        data.put("finish_time", 0);
        data.put("progress", (int) Math.round((state.progress() == null ? 0 : state.progress()) * 100) + "%");
        if (state.isSucceeded()) {
            data.put("result_url", outputUrl);
        }
        if (shape == ResponseShape.WRAPPED) {
            data.set("data", bare);
        }
        return root.toString();
    }

    private static ObjectNode bare(SimulatedTask task, TaskState state, String outputUrl, String statusOverride) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", task.id());
        node.put("status", statusOverride != null ? statusOverride : state.status());
        node.put("createdAt", task.createdAt().toString());
        if (state.progress() != null) {
            node.put("progress", state.progress());
        }
        if (state.isSucceeded()) {
            node.putArray("output").add(outputUrl);
        }
        if (state.status().equals("FAILED")) {
            node.put("failure", task.scenario().failure());
            node.put("failureCode", task.scenario().failureCode());
        }
        return node;
    }

    private static String wrapperStatus(String runway) {
        return switch (runway) {
            case "PENDING" -> "NOT_START";
            case "THROTTLED" -> "QUEUED";
            case "RUNNING" -> "IN_PROGRESS";
            case "SUCCEEDED" -> "SUCCESS";
            case "FAILED" -> "FAILURE";
            default -> runway;
        };
    }

    static String error(int status, String code, String message, long requestId) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message + " (request id: " + requestId + ")");
        error.put("type", "comet_api_error");
        error.put("param", "");
        error.put("code", code);
        return root.toString();
    }

    static String taskNotExist() {
        return "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}";
    }

    static String at(Instant instant) {
        return instant.toString();
    }
}
