package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request to CometAPI, as the engine sees it.
 *
 * @param method GET, POST or DELETE
 * @param uri absolute URI
 * @param headers request headers (they may hold the key: never log them)
 * @param body JSON body or null
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, String body) {
    @Override
    public String toString() {
        return method + " " + uri;
    }
}
