package io.jenkins.plugins.runwayupscale.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Renders a task in either of CometAPI's shapes, and the error bodies. */
final class TaskJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TaskJson() {}

    /** {@code statusOverride}, when not null, replaces the status in every place it appears. */
    static String render(
            SimulatedTask task, TaskState state, ResponseShape shape, String outputUrl, String statusOverride) {
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
        data.put("fail_reason", state.isFailed() ? task.scenario().failure() : "");
        data.put("submit_time", task.createdAt().getEpochSecond());
        data.put("start_time", epochSeconds(state.startedAt()));
        data.put("finish_time", epochSeconds(state.finishedAt()));
        data.put("progress", percent(state) + "%");
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
        if (state.isFailed()) {
            node.put("failure", task.scenario().failure());
            node.put("failureCode", task.scenario().failureCode());
        }
        return node;
    }

    /** The wrapper always carries a percentage, even where the Runway task has no progress field. */
    private static int percent(TaskState state) {
        if (state.isSucceeded()) {
            return 100;
        }
        return state.progress() == null ? 0 : (int) Math.round(state.progress() * 100);
    }

    /** CometAPI's wrapper says 0 for a time that has not come yet. */
    private static long epochSeconds(Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond();
    }

    private static String wrapperStatus(String runway) {
        return switch (runway) {
            case TaskState.PENDING -> "NOT_START";
            case TaskState.THROTTLED -> "QUEUED";
            case TaskState.RUNNING -> "IN_PROGRESS";
            case TaskState.SUCCEEDED -> "SUCCESS";
            case TaskState.FAILED -> "FAILURE";
            default -> runway;
        };
    }

    /** CometAPI's error envelope; the request id in the message is what support asks for. */
    static String error(String code, String message, long requestId) {
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
}
