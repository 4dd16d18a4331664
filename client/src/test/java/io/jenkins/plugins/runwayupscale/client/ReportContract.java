package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code runway-upscale/<taskId>.json} that every front door must write for each way a task can end. The
 * plugin's and the command line's tests drive their own front door to each outcome and compare what it wrote with
 * {@link #expected}, so the two cannot drift apart. Shared with them as this module's test jar.
 */
public final class ReportContract {
    /** The video each front door submits. */
    public static final String VIDEO = "https://cdn.example.com/final.mp4";
    /** Runway's failure code and text for the FAILED outcome. */
    public static final String FAILURE_CODE = "SAFETY.INPUT.VIDEO";

    public static final String FAILURE = "The video did not pass moderation.";

    private ReportContract() {}

    /**
     * The file for a task of {@link #VIDEO}, asked of the default model and Runway version, that ended as
     * {@code status}; the two times are left out, as they come from each front door's own clock.
     */
    public static JsonNode expected(TaskReport.Status status, String taskId, List<String> outputs) {
        String failure = status == TaskReport.Status.FAILED
                ? ",\"failureCode\":\"" + FAILURE_CODE + "\",\"failure\":\"" + FAILURE + "\""
                : "";
        return parse("{\"taskId\":\"" + taskId + "\",\"model\":\"upscale_v1\",\"runwayVersion\":\"2024-11-06\","
                + "\"videoUri\":\"" + VIDEO + "\",\"status\":\"" + status + "\",\"outputs\":"
                + Json.MAPPER.valueToTree(outputs) + failure + "}");
    }

    /** A written file without its two times, after checking that both are there and in order. */
    public static JsonNode withoutTimes(String written) {
        ObjectNode json = (ObjectNode) parse(written);
        Instant submitted = Instant.parse(json.remove("submittedAt").asText());
        Instant completed = Instant.parse(json.remove("completedAt").asText());
        if (completed.isBefore(submitted)) {
            throw new AssertionError("completedAt " + completed + " is before submittedAt " + submitted);
        }
        return json;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
