package io.jenkins.plugins.runwayupscale.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * What the simulator needs to know about a request, read once: the key is checked here and not kept.
 *
 * @param method HTTP method
 * @param path raw path
 * @param authorized whether the bearer key was the configured one
 * @param versionHeader whether X-Runway-Version was present
 * @param json the body when it is a JSON object, else null
 * @param videoUri the body's videoUri when it is text, else null
 */
record IncomingRequest(
        String method, String path, boolean authorized, boolean versionHeader, JsonNode json, String videoUri) {
    /** Runway takes data URIs up to 16 MB, which base64 makes about 21 MB. */
    private static final int MAX_BODY = 32 * 1024 * 1024;

    /** Jackson refuses strings over 20 million characters by default; a 16 MB video's data URI has 22 million. */
    private static final ObjectMapper BODIES = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxStringLength(MAX_BODY).build())
            .build());

    static IncomingRequest read(HttpExchange exchange, byte[] expectedAuthorization) throws IOException {
        String method = exchange.getRequestMethod();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        boolean authorized =
                auth != null && MessageDigest.isEqual(expectedAuthorization, auth.getBytes(StandardCharsets.UTF_8));
        boolean version = exchange.getRequestHeaders().getFirst("X-Runway-Version") != null;
        JsonNode json = method.equals("POST") ? parse(exchange.getRequestBody()) : null;
        return new IncomingRequest(
                method,
                exchange.getRequestURI().getRawPath(),
                authorized,
                version,
                json,
                json == null ? null : text(json, "videoUri"));
    }

    RecordedRequest record(Instant at) {
        return new RecordedRequest(at, method, path, authorized, versionHeader, RecordedRequest.shorten(videoUri));
    }

    String text(String field) {
        return json == null ? null : text(json, field);
    }

    private static JsonNode parse(InputStream in) throws IOException {
        byte[] body;
        try (in) {
            body = in.readNBytes(MAX_BODY);
        }
        try {
            JsonNode node = BODIES.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
