package io.jenkins.plugins.runwayupscale.upscale;

import java.io.Serializable;
import java.time.Duration;

/**
 * The bounds an administrator sets on what one upscale may move, so no Jenkinsfile can push a huge video through the
 * controller or hold an agent on a stalled download.
 *
 * @param maxDataUriMB the largest video any step may send inline, in MB: a step's {@code dataUriLimitMB} may lower
 *     the model's limit, never raise it past this
 * @param maxDownloadMB the largest output saved with {@code download}, in MB
 * @param downloadTimeoutMinutes how long saving one output may take in all
 * @param downloadIdleSeconds how long a download may go without a byte before it is given up
 */
public record UpscaleLimits(int maxDataUriMB, int maxDownloadMB, int downloadTimeoutMinutes, int downloadIdleSeconds)
        implements Serializable {
    /** Runway's largest data-URI limit (16 MB, {@code upscale_v1}). */
    public static final int MAX_DATA_URI_MB = 16;
    /**
     * 4 GB: a 40-second 4096-pixel upscale is a few hundred MB even at high bit rates; the margin covers newer models
     * and ProRes.
     */
    public static final int MAX_DOWNLOAD_MB = 4096;
    /** At a slow 10 Mbit/s, 4 GB take about 55 minutes. */
    public static final int DOWNLOAD_TIMEOUT_MINUTES = 60;

    public static final int DOWNLOAD_IDLE_SECONDS = 60;

    /** The built-in bounds. */
    public static UpscaleLimits defaults() {
        return new UpscaleLimits(MAX_DATA_URI_MB, MAX_DOWNLOAD_MB, DOWNLOAD_TIMEOUT_MINUTES, DOWNLOAD_IDLE_SECONDS);
    }

    public Duration downloadTimeout() {
        return Duration.ofMinutes(downloadTimeoutMinutes);
    }

    public Duration downloadIdle() {
        return Duration.ofSeconds(downloadIdleSeconds);
    }

    public long maxDownloadBytes() {
        return maxDownloadMB * 1024L * 1024;
    }
}
