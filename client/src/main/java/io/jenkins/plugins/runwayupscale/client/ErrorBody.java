package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error answer says: CometAPI's {@code {"error":{message,type,param,code}}}, the gateway's
 * {@code {"code","message"}}, or anything else quoted as a short excerpt.
 *
 * @param message the server's message without its request id, or an excerpt of a non-JSON body
 * @param code the error code when there is one
 * @param requestId CometAPI's request id when the message or the headers carry one
 */
record ErrorBody(String message, String code, String requestId) {
    private static final Pattern REQUEST_ID =
            Pattern.compile("\\s*\\(?request id:\\s*([A-Za-z0-9._:-]{1,128})\\)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern REQUEST_ID_HEADER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
        // CometAPI writes the request id into its message; it is kept as a field and quoted once, by the exception.
        Matcher m = REQUEST_ID.matcher(message);
        if (json && m.find()) {
            String rest = (message.substring(0, m.start()) + message.substring(m.end())).strip();
            return new ErrorBody(rest.isEmpty() ? "(no message)" : rest, code, m.group(1));
        }
        return new ErrorBody(message, code, requestIdHeader(answer, text));
    }

    /** The {@code X-Request-Id} header when it looks like an id; anything else a server puts there is ignored. */
    static String requestIdHeader(HttpAnswer answer, ServerText text) {
        String value = text.clean(answer.header("x-request-id"), ServerText.SHORT_LIMIT);
        return value != null && REQUEST_ID_HEADER.matcher(value).matches() ? value : null;
    }

    /** The message, cut short for quoting. */
    String describe() {
        return Excerpt.body(message);
    }

    boolean isTaskNotExist() {
        return "task_not_exist".equalsIgnoreCase(code) || "task_not_exist".equalsIgnoreCase(message.strip());
    }
}
