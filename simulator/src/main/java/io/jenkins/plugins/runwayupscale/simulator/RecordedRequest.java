package io.jenkins.plugins.runwayupscale.simulator;

import java.time.Instant;

/**
 * One request the simulator received. Never holds the key: only whether it was the right one.
 *
 * @param at when it arrived
 * @param method HTTP method
 * @param path request path
 * @param authorized whether the bearer key was the configured one
 * @param versionHeader whether X-Runway-Version was present
 * @param videoUri for submissions, the video URI (long ones, such as data URIs, cut short)
 */
public record RecordedRequest(
        Instant at, String method, String path, boolean authorized, boolean versionHeader, String videoUri) {
    static final int MAX_URI = 200;

    /** Keeps the start of a long URI and its length: enough to tell videos apart, without megabytes of base64. */
    static String shorten(String videoUri) {
        if (videoUri == null || videoUri.length() <= MAX_URI) {
            return videoUri;
        }
        return videoUri.substring(0, MAX_URI / 2) + "... (" + videoUri.length() + " characters)";
    }
}
