package io.jenkins.plugins.runwayupscale.upscale;

/**
 * What a Pipeline step or a freestyle build step asked for, exactly as configured: blank and null values mean
 * "use the global default".
 *
 * @param videoUri the video, an https URL or a data URI
 * @param credentialsId id of the Secret text credential holding the CometAPI key
 * @param model the upscale model
 * @param runwayVersion the X-Runway-Version to send
 * @param timeoutMinutes how long to wait for the task
 * @param archive whether to archive the task's files with the build
 */
public record UpscaleRequest(
        String videoUri,
        String credentialsId,
        String model,
        String runwayVersion,
        Integer timeoutMinutes,
        boolean archive) {}
