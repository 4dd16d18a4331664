package io.jenkins.plugins.runwayupscale.client;

/** Explains the uncertain state of upscale models, because a rejected model is the likeliest surprise. */
final class RetiredModel {
    private RetiredModel() {}

    static String hint(String model) {
        return "The model '" + model + "' may have been retired: Runway retired upscale_v1 upstream in January 2026 "
                + "and reopened the route with magnific_video_upscaler_creative; set the model to that "
                + "(with its options, e.g. resolution=4k) if CometAPI no longer serves " + model + ".";
    }
}
