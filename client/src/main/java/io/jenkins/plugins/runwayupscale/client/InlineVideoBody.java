package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The submission's JSON with the video streamed into it: {@code {"videoUri":"data:<type>;base64,} (prefix), the file
 * in base64, then {@code ","model":...,<options>}} (suffix). Its length is known before a byte is read: prefix and
 * suffix, plus 4 base64 characters for every 3 bytes of video begun.
 */
final class InlineVideoBody implements StreamedBody {
    private static final String DATA_END = ";base64,";
    private final InlineVideoFile video;
    private final byte[] prefix;
    private final byte[] suffix;

    /** @param json the whole body with {@code videoUri} first and an empty payload ({@code data:<type>;base64,}) */
    InlineVideoBody(InlineVideoFile video, String json) {
        this.video = video;
        // The media type is one of VideoTypes' own constants, so the first ";base64,\"" ends the data URI's head.
        int split = json.indexOf(DATA_END + "\"") + DATA_END.length();
        if (split < DATA_END.length() || !json.startsWith("{\"videoUri\":\"data:")) {
            throw new IllegalArgumentException("the body does not start with an empty data URI");
        }
        this.prefix = json.substring(0, split).getBytes(StandardCharsets.UTF_8);
        this.suffix = json.substring(split).getBytes(StandardCharsets.UTF_8);
    }

    /** The data URI's head, {@code data:<type>;base64,}, that the body's JSON must hold as its empty videoUri. */
    static String emptyDataUri(InlineVideoFile video) {
        return "data:" + video.mediaType() + DATA_END;
    }

    @Override
    public long length() {
        return prefix.length + video.base64Length() + suffix.length;
    }

    @Override
    public ReadableByteChannel open() throws IOException {
        return new InlineBodyChannel(video, prefix, suffix);
    }

    @Override
    public String toString() {
        return "InlineVideoBody[" + video + ", " + length() + " bytes]";
    }
}
