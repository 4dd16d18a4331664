package io.jenkins.plugins.runwayupscale.client;

import java.util.Locale;
import java.util.Map;

/**
 * An HTTP answer: status, headers (names lower-cased) and body text.
 *
 * @param status HTTP status code
 * @param headers response headers, names in lower case
 * @param body body text, possibly empty
 */
public record HttpAnswer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
