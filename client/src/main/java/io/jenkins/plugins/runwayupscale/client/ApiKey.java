package io.jenkins.plugins.runwayupscale.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A CometAPI key. Deliberately not {@link java.io.Serializable} and never shown by {@link #toString()}, so it
 * cannot leak through logs, exception messages or persisted objects.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** Wraps a key after checking its form; the message never repeats the value. */
    public static ApiKey of(String value) throws InvalidInputException {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.local("API key", "is missing or blank; provide a CometAPI key");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || Character.isISOControl(value.charAt(i))) {
                throw InvalidInputException.local(
                        "API key",
                        "contains whitespace or control characters; check that the key was pasted without spaces or line breaks");
            }
        }
        return new ApiKey(value);
    }

    /** Tells keys apart without holding or showing the key: a SHA-256 digest of it. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String authorizationHeader() {
        return "Bearer " + value;
    }

    /** Replaces every occurrence of the key in text that came from elsewhere (a server may echo it). */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
