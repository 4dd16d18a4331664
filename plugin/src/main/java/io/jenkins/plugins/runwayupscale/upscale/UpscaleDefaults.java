package io.jenkins.plugins.runwayupscale.upscale;

/**
 * The defaults an administrator set for every upscale in Manage Jenkins » System; blank values mean the
 * client's built-in defaults.
 *
 * @param baseUrl CometAPI's base URL
 * @param credentialsId the credential used when a step names none
 * @param runwayVersion the X-Runway-Version to send
 * @param model the upscale model
 * @param timeoutMinutes how long to wait for a task when a step says nothing
 * @param limits what one upscale may move
 */
public record UpscaleDefaults(
        String baseUrl,
        String credentialsId,
        String runwayVersion,
        String model,
        int timeoutMinutes,
        UpscaleLimits limits) {

    /** An hour: Runway's upscales take minutes, but a THROTTLED task can queue for long. */
    public static final int TIMEOUT_MINUTES = 60;

    /** Nothing configured. */
    public static UpscaleDefaults none() {
        return new UpscaleDefaults(null, null, null, null, TIMEOUT_MINUTES, UpscaleLimits.defaults());
    }
}
