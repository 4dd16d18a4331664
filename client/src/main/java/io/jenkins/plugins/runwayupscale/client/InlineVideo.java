package io.jenkins.plugins.runwayupscale.client;

import java.io.Serializable;

/**
 * What is kept of a video sent inline: enough to identify it in reports and saved state, never its data.
 *
 * @param name the file's name as the user gave it (a path relative to where it was read)
 * @param mediaType the media type read from its first bytes
 * @param bytes its size
 * @param sha256 its SHA-256, lower-case hex
 */
public record InlineVideo(String name, String mediaType, long bytes, String sha256) implements Serializable {}
