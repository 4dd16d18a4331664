package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request to CometAPI, as the engine sees it.
 *
 * @param method GET, POST or DELETE
 * @param uri absolute URI
 * @param headers request headers (they may hold the key: never log them)
 * @param body a small JSON body held as text, or null
 * @param upload a JSON body streamed from its source, too large to hold (an inline video), or null; at most one of
 *     {@code body} and {@code upload} is given
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, String body, StreamedBody upload) {
    public HttpCall {
        if (body != null && upload != null) {
            throw new IllegalArgumentException("a request has one body: text or streamed");
        }
    }

    /** A request without a streamed body. */
    public HttpCall(String method, URI uri, Map<String, String> headers, String body) {
        this(method, uri, headers, body, null);
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
