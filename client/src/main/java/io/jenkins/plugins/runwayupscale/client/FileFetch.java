package io.jenkins.plugins.runwayupscale.client;

import java.util.Locale;
import java.util.Map;

/**
 * The result of streaming one GET into a file.
 *
 * @param status HTTP status
 * @param headers response headers, names in lower case
 * @param bytes bytes written to the file (0 unless 2xx)
 * @param errorBody the start of the body when the status is not 2xx
 */
public record FileFetch(int status, Map<String, String> headers, long bytes, String errorBody) {
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
