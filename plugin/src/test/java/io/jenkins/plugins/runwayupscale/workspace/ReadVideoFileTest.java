package io.jenkins.plugins.runwayupscale.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of {@code videoFile}, run on plain files: every refusal happens before anything is sent. */
class ReadVideoFileTest {
    private static final DataUriLimit UPSCALE_V1 = DataUriLimit.of("upscale_v1", null);

    @TempDir
    Path tmp;

    private Path workspace() throws Exception {
        return Files.createDirectories(tmp.resolve("workspace"));
    }

    static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        byte[] box = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
        System.arraycopy(box, 0, bytes, 0, box.length);
        for (int i = box.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    /** What the controller's stream received of the last read. */
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private boolean closed;

    private CopiedVideo read(Path workspace, String path, DataUriLimit limit) throws Exception {
        OutputStream sink = new FilterOutputStream(received) {
            @Override
            public void close() {
                closed = true;
            }
        };
        return new ReadVideoFile(path, limit, sink).invoke(workspace.toFile(), null);
    }

    @Test
    void copiesAWorkspaceFileAsItIsWithItsDescription() throws Exception {
        Path ws = workspace();
        byte[] video = mp4(100_000);
        Files.createDirectories(ws.resolve("out"));
        Files.write(ws.resolve("out/intro.mp4"), video);

        CopiedVideo copied = read(ws, "out/intro.mp4", UPSCALE_V1);

        assertThat(received.toByteArray()).isEqualTo(video);
        assertThat(closed).isTrue();
        assertThat(copied.name()).isEqualTo("out/intro.mp4");
        assertThat(copied.mediaType()).isEqualTo("video/mp4");
        assertThat(copied.bytes()).isEqualTo(100_000);
        assertThat(copied.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(video)));
    }

    @Test
    void aRefusedFileSendsNothingAndStillClosesTheStream() throws Exception {
        Path ws = workspace();
        Files.write(ws.resolve("big.mp4"), mp4(2 * 1024 * 1024));

        assertThatThrownBy(() -> read(ws, "big.mp4", new DataUriLimit(1024 * 1024, "a test limit")))
                .isInstanceOf(AbortException.class);
        assertThat(received.size()).isZero();
        assertThat(closed).isTrue();
    }

    @Test
    void theCallableCarriesNoDataToTheAgent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ReadVideoFile("out/intro.mp4", UPSCALE_V1, null));
        }
        assertThat(bytes.size()).isLessThan(1024);
    }

    @Test
    void refusesAFileOverTheLimitWithItsSizeAndTheLimit() throws Exception {
        Path ws = workspace();
        Files.write(ws.resolve("big.mp4"), mp4(5 * 1024 * 1024 + 10));

        assertThatThrownBy(() -> read(ws, "big.mp4", DataUriLimit.of("magnific_video_upscaler_creative", null)))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'big.mp4' has 5242890 bytes (5 MB + 10 bytes)")
                .hasMessageContaining("over the data-URI limit of model magnific_video_upscaler_creative of 5 MB");
    }

    @Test
    void refusesAFileThatIsNotAVideo() throws Exception {
        Path ws = workspace();
        Files.writeString(ws.resolve("intro.mp4"), "Render failed: out of disk space\n");

        assertThatThrownBy(() -> read(ws, "intro.mp4", UPSCALE_V1))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'intro.mp4' is not a video (it looks like text)");
    }

    @Test
    void refusesAMissingFileOrAFolder() throws Exception {
        Path ws = workspace();
        Files.createDirectories(ws.resolve("out"));

        assertThatThrownBy(() -> read(ws, "out/intro.mp4", UPSCALE_V1))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("videoFile: 'out/intro.mp4' does not exist in the workspace");
        assertThatThrownBy(() -> read(ws, "out", UPSCALE_V1)).hasMessage("videoFile: 'out' is not a file");
    }

    @Test
    void refusesPathsOutsideTheWorkspace() throws Exception {
        Path ws = workspace();
        Files.write(tmp.resolve("secret.mp4"), mp4(100));

        assertThatThrownBy(() -> read(ws, "../secret.mp4", UPSCALE_V1))
                .hasMessage("videoFile: '../secret.mp4' leads outside the workspace; give a path inside it");
        assertThatThrownBy(() -> read(ws, "out/../../secret.mp4", UPSCALE_V1))
                .hasMessageContaining("leads outside the workspace");
        assertThatThrownBy(() -> read(ws, tmp.resolve("secret.mp4").toString(), UPSCALE_V1))
                .hasMessageContaining("is not a path relative to the workspace");
        assertThatThrownBy(() -> read(ws, "C:\\renders\\intro.mp4", UPSCALE_V1))
                .hasMessageContaining("is not a path relative to the workspace");
        assertThatThrownBy(() -> read(ws, " ", UPSCALE_V1)).hasMessageContaining("videoFile: is blank");
    }

    @Test
    void refusesSymbolicLinksThatLeadOutOfTheWorkspace() throws Exception {
        Path ws = workspace();
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.write(outside.resolve("intro.mp4"), mp4(100));
        Files.createSymbolicLink(ws.resolve("linked.mp4"), outside.resolve("intro.mp4"));
        Files.createSymbolicLink(ws.resolve("renders"), outside);

        assertThatThrownBy(() -> read(ws, "linked.mp4", UPSCALE_V1))
                .hasMessageContaining("symbolic link that leads outside the workspace");
        assertThatThrownBy(() -> read(ws, "renders/intro.mp4", UPSCALE_V1))
                .hasMessageContaining("symbolic link that leads outside the workspace");
    }

    @Test
    void followsLinksThatStayInside() throws Exception {
        Path ws = workspace();
        Files.createDirectories(ws.resolve("build"));
        Files.write(ws.resolve("build/intro-final.mp4"), mp4(1000));
        Files.createSymbolicLink(ws.resolve("intro.mp4"), ws.resolve("build/intro-final.mp4"));

        assertThat(read(ws, "intro.mp4", UPSCALE_V1).bytes()).isEqualTo(1000);
    }
}
