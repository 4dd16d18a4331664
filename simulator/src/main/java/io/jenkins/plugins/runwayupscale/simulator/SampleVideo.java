package io.jenkins.plugins.runwayupscale.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A video file of any size for tests and benchmarks that send one inline: an MP4 file type box (what a media type is
 * sniffed from), then the bytes of {@link OutputContent}, written a block at a time so a large one costs no memory.
 */
public final class SampleVideo {
    private static final byte[] FILE_TYPE_BOX = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};

    private SampleVideo() {}

    /** Writes (or replaces) {@code file} with {@code size} bytes, at least the file type box. */
    public static Path write(Path file, long size) throws IOException {
        if (size < FILE_TYPE_BOX.length) {
            throw new IllegalArgumentException("a sample video has at least " + FILE_TYPE_BOX.length + " bytes");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(FILE_TYPE_BOX);
            OutputContent.write(out, size - FILE_TYPE_BOX.length);
        }
        return file;
    }
}
