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
 * @param videoUri for submissions, the video URI (data URIs cut short)
 */
public record RecordedRequest(Instant at, String method, String path, boolean authorized, boolean versionHeader,
        String videoUri) {
}
