package io.jenkins.plugins.runwayupscale.client;

import java.io.Serializable;
import java.util.Map;

/**
 * How large a video sent inline as a {@code data:} URI may be. The limit belongs to the model: Runway documents
 * 16 MB for {@code upscale_v1} and 5 MB for its newer models; a setting overrides it for models and gateways that
 * differ. Sizes count the video's bytes, before base64.
 *
 * @param bytes the largest video accepted inline
 * @param source where the number comes from, for messages (e.g. "the limit of model upscale_v1")
 */
public record DataUriLimit(long bytes, String source) implements Serializable {
    public static final long MB = 1024L * 1024;

    /** Known models; any other model gets {@link #DEFAULT_BYTES}. */
    public static final Map<String, Long> BY_MODEL = Map.of(
            "upscale_v1", 16 * MB,
            "magnific_video_upscaler_creative", 5 * MB,
            "enhance_frame_rate", 5 * MB);

    /** For models not in the table: CometAPI's documented data-URI limit. */
    public static final long DEFAULT_BYTES = 16 * MB;

    /** The model's limit, or {@code overrideBytes} when that is given (not null). */
    public static DataUriLimit of(String model, Long overrideBytes) {
        if (overrideBytes != null) {
            return new DataUriLimit(overrideBytes, "the configured data-URI limit");
        }
        Long known = BY_MODEL.get(model);
        return known != null
                ? new DataUriLimit(known, "the data-URI limit of model " + model)
                : new DataUriLimit(
                        DEFAULT_BYTES, "the default data-URI limit (model " + model + " is not in our table)");
    }

    /** Checks a size known up front (a file's length); the message states the size and the limit applied. */
    public void check(String what, long size) throws InvalidInputException {
        if (size > bytes) {
            throw InvalidInputException.local(
                    "video file",
                    what + " has " + size + " bytes (" + describe(size) + "), over " + source + " of " + describe(bytes)
                            + " (" + bytes + " bytes) by " + ByteSizes.amount(size - bytes)
                            + "; host the video at an https URL instead (up to 32 MB)");
        }
    }

    /** "4 GB", "16 MB", "800 KB" or "12345 bytes", rounded down to one decimal. */
    public static String describe(long size) {
        if (size >= 1024 * MB) {
            return trim(size * 10 / (1024 * MB)) + " GB";
        }
        if (size >= MB) {
            return trim(size * 10 / MB) + " MB";
        }
        if (size >= 1024) {
            return trim(size * 10 / 1024) + " KB";
        }
        return size + " bytes";
    }

    private static String trim(long tenths) {
        return tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }

    @Override
    public String toString() {
        return describe(bytes) + " (" + source + ")";
    }
}
