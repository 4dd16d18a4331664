package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an earlier task's report must share with a new upscale for the new one to take its result: the input's
 * SHA-256 (never a URL: the video behind a URL can change), the model, the options and the Runway version.
 *
 * @param inputSha256 the SHA-256 of the video to send, lower-case hex
 * @param model the model asked for
 * @param options the model options to send (empty when none)
 * @param runwayVersion the X-Runway-Version to send
 */
public record ReportMatch(String inputSha256, String model, Map<String, Object> options, String runwayVersion) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ReportMatch {
        Objects.requireNonNull(inputSha256, "inputSha256");
        if (!SHA256.matcher(inputSha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + Excerpt.cut(inputSha256, 80));
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(runwayVersion, "runwayVersion");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The wanted input of the settings' model, options and Runway version. */
    public static ReportMatch of(String inputSha256, RunwaySettings settings) {
        return new ReportMatch(inputSha256, settings.model(), settings.modelOptions(), settings.runwayVersion());
    }

    /** The first twelve hex digits, as messages show the input. */
    public String shortSha256() {
        return inputSha256.substring(0, 12);
    }

    /** Whether a report (parsed JSON, any shape) was made for this input, model, options and Runway version. */
    boolean matches(JsonNode report) {
        return sameText(inputSha256, inputOf(report))
                && model.equals(Json.text(report, "model"))
                && runwayVersion.equals(Json.text(report, "runwayVersion"))
                && sameOptions(report.get("options"));
    }

    /**
     * The input's SHA-256 a report records: the video sent ({@code videoFile}), or, for a report that itself took an
     * earlier result, the input both had ({@code reusedFrom}).
     */
    static String inputOf(JsonNode report) {
        JsonNode file = report.get("videoFile");
        String sha256 = file != null && file.isObject() ? Json.text(file, "sha256") : null;
        if (sha256 == null) {
            JsonNode earlier = report.get("reusedFrom");
            sha256 = earlier != null && earlier.isObject() ? Json.text(earlier, "inputSha256") : null;
        }
        return sha256;
    }

    /** Compared in constant time only because SpotBugs asks it of hashes: neither is a secret. */
    private static boolean sameText(String wanted, String recorded) {
        return recorded != null
                && MessageDigest.isEqual(
                        wanted.getBytes(StandardCharsets.UTF_8), recorded.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Options are compared as JSON values: key order does not matter, numbers compare by value (a report read back
     * holds 30 as an int, the options parsed from the command line as a long), strings and booleans by type and value.
     */
    private boolean sameOptions(JsonNode written) {
        JsonNode recorded = written == null || written.isNull() ? Json.MAPPER.createObjectNode() : written;
        JsonNode wanted = Json.MAPPER.valueToTree(options);
        return recorded.isObject() && wanted.equals(ReportMatch::compareValues, recorded);
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return toDecimal(a).compareTo(toDecimal(b));
        }
        return a.equals(b) ? 0 : 1;
    }

    private static BigDecimal toDecimal(JsonNode number) {
        return number.isFloatingPointNumber() && !number.isBigDecimal()
                ? BigDecimal.valueOf(number.doubleValue())
                : number.decimalValue();
    }
}
