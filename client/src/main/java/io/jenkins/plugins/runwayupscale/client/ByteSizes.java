package io.jenkins.plugins.runwayupscale.client;

/** Sizes in words for messages, so that a size over a limit never reads as equal to it. */
public final class ByteSizes {
    private ByteSizes() {}

    /**
     * {@code size} in bytes and in the limit's words: "16777217 bytes (16 MB + 1 byte)" when the rounded figures
     * would look equal, "20971520 bytes (20 MB)" otherwise.
     */
    public static String over(long size, long limit) {
        String rounded = DataUriLimit.describe(size);
        if (size > limit && rounded.equals(DataUriLimit.describe(limit))) {
            long excess = size - limit;
            rounded = DataUriLimit.describe(limit) + " + " + amount(excess);
        }
        return size + " bytes (" + rounded + ")";
    }

    /** An amount in words: "1 byte", "10 bytes", "2.5 MB". */
    public static String amount(long bytes) {
        return bytes == 1 ? "1 byte" : DataUriLimit.describe(bytes);
    }

    /** A limit in words with its exact figure: "4 GB (4294967296 bytes)". */
    public static String limit(long limit) {
        return DataUriLimit.describe(limit) + " (" + limit + " bytes)";
    }
}
