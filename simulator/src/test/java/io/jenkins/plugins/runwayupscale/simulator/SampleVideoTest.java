package io.jenkins.plugins.runwayupscale.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleVideoTest {
    @TempDir
    Path dir;

    @Test
    void writesAnMp4HeadThenTheOutputPatternToTheSizeAsked() throws Exception {
        Path file = SampleVideo.write(dir.resolve("v.mp4"), 3 * 1024 * 1024 + 5);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(3 * 1024 * 1024 + 5);
        assertThat(new String(bytes, 4, 8, StandardCharsets.US_ASCII)).isEqualTo("ftypisom");
        assertThat(Arrays.copyOfRange(bytes, 12, 12 + 1000)).isEqualTo(OutputContent.bytes(1000));
        assertThatIllegalArgumentException().isThrownBy(() -> SampleVideo.write(dir.resolve("w.mp4"), 11));
    }
}
