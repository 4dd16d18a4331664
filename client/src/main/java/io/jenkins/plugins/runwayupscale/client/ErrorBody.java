package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error answer says: CometAPI's {@code {"error":{message,type,param,code}}}, the gateway's
 * {@code {"code","message"}}, or anything else quoted as a short excerpt.
 *
 * @param message the server's message, or an excerpt of a non-JSON body
 * @param code the error code when there is one
 * @param requestId CometAPI's request id when the message or headers carry one
 * @param json whether the body was JSON
 */
record ErrorBody(String message, String code, String requestId, boolean json) {
    private static final Pattern REQUEST_ID =
            Pattern.compile("request id:\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

    /** Every string is taken through {@code text}: decoded, made safe, without the key, cut short. */
    static ErrorBody parse(HttpAnswer answer, ServerText text) {
        JsonNode root = Json.tryParse(answer.body());
        String message = null;
        String code = null;
        if (root != null && root.isObject()) {
            JsonNode error = root.path("error");
            if (error.isObject()) {
                message = Json.text(error, "message");
                code = Json.text(error, "code");
            } else {
                message = error.isTextual() ? error.asText() : Json.text(root, "message");
                code = Json.text(root, "code");
            }
        }
        boolean json = root != null;
        message = text.clean(message, ServerText.MESSAGE_LIMIT);
        code = text.clean(code, ServerText.SHORT_LIMIT);
        if (message == null || message.isBlank()) {
            String excerpt = text.excerpt(answer.body(), ServerText.MESSAGE_LIMIT);
            message = json ? excerpt : excerpt.isEmpty() ? "(empty body)" : "\"" + excerpt + "\"";
        }
        String requestId;
        Matcher m = REQUEST_ID.matcher(message);
        if (m.find()) {
            requestId = m.group(1);
        } else {
            requestId = text.clean(answer.header("x-request-id"), ServerText.SHORT_LIMIT);
        }
        return new ErrorBody(message, code, requestId, json);
    }

    /** The message, with the request id appended when the message does not already carry it. */
    String describe() {
        String text = Excerpt.body(message);
        if (requestId != null && !text.toLowerCase(java.util.Locale.ROOT).contains("request id")) {
            text += " (request id: " + requestId + ")";
        }
        return text;
    }

    boolean isTaskNotExist() {
        return "task_not_exist".equalsIgnoreCase(code) || "task_not_exist".equalsIgnoreCase(message.strip());
    }
}
