package io.jenkins.plugins.runwayupscale.upscale;

import java.util.Map;

/**
 * What a Pipeline step or a freestyle build step asked for, exactly as configured: blank and null values mean
 * "use the global default".
 *
 * @param videoUri the video, an https URL or a data URI; or null when {@code videoFile} is given
 * @param credentialsId id of the Secret text credential holding the CometAPI key
 * @param model the upscale model
 * @param runwayVersion the X-Runway-Version to send
 * @param timeoutMinutes how long to wait for the task
 * @param archive whether to archive the task's files with the build
 * @param videoFile a video in the workspace, sent inline; or null when {@code videoUri} is given
 * @param download a workspace path to save the upscaled video as, or null
 * @param archiveVideo whether to archive the downloaded video with the build
 * @param options extra model options for the request body (empty when none)
 * @param dataUriLimitMB the largest video sent inline, in MB; null for the model's own limit
 * @param reuse when to take an earlier result ({@code content}, {@code uri}, {@code never}); null for content
 */
public record UpscaleRequest(
        String videoUri,
        String credentialsId,
        String model,
        String runwayVersion,
        Integer timeoutMinutes,
        boolean archive,
        String videoFile,
        String download,
        boolean archiveVideo,
        Map<?, ?> options,
        Integer dataUriLimitMB,
        String reuse) {

    /** A request with the default reuse (by content). */
    public UpscaleRequest(
            String videoUri,
            String credentialsId,
            String model,
            String runwayVersion,
            Integer timeoutMinutes,
            boolean archive,
            String videoFile,
            String download,
            boolean archiveVideo,
            Map<?, ?> options,
            Integer dataUriLimitMB) {
        this(
                videoUri,
                credentialsId,
                model,
                runwayVersion,
                timeoutMinutes,
                archive,
                videoFile,
                download,
                archiveVideo,
                options,
                dataUriLimitMB,
                null);
    }

    /** A request for a video given by URI, with nothing saved in the workspace. */
    public UpscaleRequest(
            String videoUri,
            String credentialsId,
            String model,
            String runwayVersion,
            Integer timeoutMinutes,
            boolean archive) {
        this(videoUri, credentialsId, model, runwayVersion, timeoutMinutes, archive, null, null, false, Map.of(), null);
    }
}
