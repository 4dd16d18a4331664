package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoEncoderTest {
    private static final DataUriLimit UPSCALE_V1 = DataUriLimit.of("upscale_v1", null);

    @TempDir
    Path dir;

    /** An MP4 file type box followed by random bytes. */
    static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] box = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        System.arraycopy(box, 0, bytes, 0, box.length);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void encodesTheFileWithItsMediaTypeSizeAndChecksum() throws Exception {
        byte[] video = mp4(300_001);
        Path file = Files.write(dir.resolve("intro.mp4"), video);

        EncodedVideo encoded = VideoEncoder.encode(file, "out/intro.mp4", UPSCALE_V1);

        assertThat(encoded.dataUri()).startsWith("data:video/mp4;base64,");
        assertThat(Base64.getDecoder().decode(encoded.dataUri().substring("data:video/mp4;base64,".length())))
                .isEqualTo(video);
        assertThat(encoded.video())
                .isEqualTo(new InlineVideo("out/intro.mp4", "video/mp4", video.length, sha256(video)));
        assertThat(VideoUris.validate(encoded.dataUri())).isEqualTo(encoded.dataUri());
        assertThat(encoded.toString()).contains("out/intro.mp4").doesNotContain("base64");
    }

    @Test
    void refusesAFileOverTheModelsLimitBeforeReadingIt() throws Exception {
        Path file = dir.resolve("big.mp4");
        try (var channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1}), 16L * 1024 * 1024);
        }
        file.toFile().setReadable(false);

        assertThatThrownBy(() -> VideoEncoder.encode(file, "big.mp4", UPSCALE_V1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'big.mp4' has 16777217 bytes (16 MB + 1 byte)")
                .hasMessageContaining("over the data-URI limit of model upscale_v1 of 16 MB (16777216 bytes)");
    }

    @Test
    void appliesTheSmallerLimitOfNewerModels() throws Exception {
        Path file = Files.write(dir.resolve("clip.mp4"), mp4(5 * 1024 * 1024 + 1));
        assertThatThrownBy(() -> VideoEncoder.encode(
                        file, "clip.mp4", DataUriLimit.of("magnific_video_upscaler_creative", null)))
                .hasMessageContaining("over the data-URI limit of model magnific_video_upscaler_creative of 5 MB");
        assertThat(VideoEncoder.encode(file, "clip.mp4", UPSCALE_V1).video().bytes())
                .isEqualTo(5 * 1024 * 1024 + 1);
    }

    @Test
    void stopsReadingAStreamAsSoonAsItPassesTheLimit() {
        AtomicLong read = new AtomicLong();
        byte[] chunk = mp4(64 * 1024);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return chunk[(int) (read.getAndIncrement() % chunk.length)] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, 8192);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };

        assertThatThrownBy(() -> VideoEncoder.encode("pipe", endless, new DataUriLimit(1024 * 1024, "a test limit")))
                .hasMessageContaining("over a test limit of 1 MB");
        assertThat(read.get()).isLessThan(1024 * 1024 + 64 * 1024);
    }

    @Test
    void refusesMissingFilesFoldersAndWhatIsNotAVideo() throws Exception {
        assertThatThrownBy(() -> VideoEncoder.encode(dir.resolve("nope.mp4"), "nope.mp4", UPSCALE_V1))
                .hasMessage("video file: 'nope.mp4' does not exist");
        assertThatThrownBy(() -> VideoEncoder.encode(dir, "out", UPSCALE_V1))
                .hasMessage("video file: 'out' is not a regular file");
        Path text = Files.writeString(dir.resolve("intro.mp4"), "not a video, just text\n");
        assertThatThrownBy(() -> VideoEncoder.encode(text, "intro.mp4", UPSCALE_V1))
                .hasMessageContaining("'intro.mp4' is not a video (it looks like text)");
        assertThatThrownBy(() -> VideoEncoder.encode("x", new ByteArrayInputStream(new byte[0]), UPSCALE_V1))
                .hasMessageContaining("an empty file");
    }

    @Test
    void inspectsAFileWithoutEncodingIt() throws Exception {
        byte[] video = mp4(300_001);
        Path file = Files.write(dir.resolve("intro.mp4"), video);

        InlineVideoFile inspected = InlineVideoFile.inspect(file, "out/intro.mp4", UPSCALE_V1);

        assertThat(inspected)
                .isEqualTo(new InlineVideoFile(file, "out/intro.mp4", "video/mp4", video.length, sha256(video)));
        assertThat(inspected.base64Length()).isEqualTo(Base64.getEncoder().encode(video).length);
    }

    @Test
    void inspectionRefusesWhatEncodingRefuses() throws Exception {
        Path big = dir.resolve("big.mp4");
        try (var channel = FileChannel.open(big, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1}), 16L * 1024 * 1024);
        }
        big.toFile().setReadable(false);
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video\n");

        assertThatThrownBy(() -> InlineVideoFile.inspect(big, "big.mp4", UPSCALE_V1))
                .hasMessageContaining("'big.mp4' has 16777217 bytes (16 MB + 1 byte), over");
        assertThatThrownBy(() -> InlineVideoFile.inspect(dir.resolve("nope.mp4"), "nope.mp4", UPSCALE_V1))
                .hasMessage("video file: 'nope.mp4' does not exist");
        assertThatThrownBy(() -> InlineVideoFile.inspect(dir, "out", UPSCALE_V1))
                .hasMessage("video file: 'out' is not a regular file");
        assertThatThrownBy(() -> InlineVideoFile.inspect(text, "notes.mp4", UPSCALE_V1))
                .hasMessageContaining("'notes.mp4' is not a video (it looks like text)");
    }

    @Test
    void aSizeOverTheLimitReadsAsOverItWhereRoundingWouldHideIt() {
        DataUriLimit limit = DataUriLimit.of("upscale_v1", null);
        assertThatThrownBy(() -> limit.check("'a.mp4'", 16L * 1024 * 1024 + 1))
                .hasMessage(
                        "video file: 'a.mp4' has 16777217 bytes (16 MB + 1 byte), over the data-URI limit of model"
                                + " upscale_v1 of 16 MB (16777216 bytes); host the video at an https URL instead (up to 32 MB)");
        assertThatThrownBy(() -> limit.check("'b.mp4'", 16L * 1024 * 1024 + 50 * 1024))
                .hasMessageContaining("(16 MB + 50 KB), over");
        assertThatThrownBy(() -> limit.check("'c.mp4'", 20L * 1024 * 1024))
                .hasMessageContaining("has 20971520 bytes (20 MB), over");
        assertThat(ByteSizes.over(5L * 1024 * 1024 + 10, 5L * 1024 * 1024))
                .isEqualTo("5242890 bytes (5 MB + 10 bytes)");
    }

    @Test
    void describesSizes() {
        assertThat(DataUriLimit.describe(16L * 1024 * 1024)).isEqualTo("16 MB");
        assertThat(DataUriLimit.describe(5L * 1024 * 1024 + 600 * 1024)).isEqualTo("5.5 MB");
        assertThat(DataUriLimit.describe(800 * 1024)).isEqualTo("800 KB");
        assertThat(DataUriLimit.describe(999)).isEqualTo("999 bytes");
        assertThat(DataUriLimit.of("some_future_model", null).bytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(DataUriLimit.of("some_future_model", null).source()).contains("not in our table");
    }
}
