package io.jenkins.plugins.runwayupscale.reuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two upscales the same, so the second may take the first one's result: the input (a video's SHA-256, or,
 * only when the user asks for it, a URL as written), the model, the options and the Runway version. Its
 * {@link #id()} is a SHA-256 of all of them in one canonical form (options sorted, numbers as JSON writes them).
 *
 * @param input {@code sha256:<hex>} for content, {@code uri:<url>} for a URL
 */
public record ReuseKey(String input, String model, Map<String, Object> options, String runwayVersion) {
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public static ReuseKey ofContent(String sha256, String model, Map<String, Object> options, String runwayVersion) {
        return new ReuseKey("sha256:" + sha256, model, options, runwayVersion);
    }

    public static ReuseKey ofUri(String uri, String model, Map<String, Object> options, String runwayVersion) {
        return new ReuseKey("uri:" + uri, model, options, runwayVersion);
    }

    /** The key as the index stores it: nothing of the input can be read back from it. */
    public String id() {
        try {
            String canonical = CANONICAL.writeValueAsString(
                    new Object[] {input, model, new TreeMap<>(options == null ? Map.of() : options), runwayVersion});
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for strings, numbers and booleans", e);
        }
    }

    /** The input's SHA-256 when it is content, else null. */
    public String contentSha256() {
        return input.startsWith("sha256:") ? input.substring("sha256:".length()) : null;
    }
}
