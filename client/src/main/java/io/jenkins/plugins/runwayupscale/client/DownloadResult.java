package io.jenkins.plugins.runwayupscale.client;

import java.nio.file.Path;

/**
 * A downloaded output.
 *
 * @param file where it was written
 * @param bytes its size
 * @param contentType the Content-Type the server gave, or null
 */
public record DownloadResult(Path file, long bytes, String contentType) {}
