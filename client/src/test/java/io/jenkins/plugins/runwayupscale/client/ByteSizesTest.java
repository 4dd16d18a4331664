package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    private static final long MB = 1024 * 1024;

    @Test
    void aSizeJustOverTheLimitIsVisiblyOver() {
        assertThat(ByteSizes.over(16 * MB + 1, 16 * MB)).isEqualTo("16777217 bytes (16 MB + 1 byte)");
        assertThat(ByteSizes.over(16 * MB + 100, 16 * MB)).isEqualTo("16777316 bytes (16 MB + 100 bytes)");
        assertThat(ByteSizes.over(20 * MB, 16 * MB)).isEqualTo("20971520 bytes (20 MB)");
        assertThat(ByteSizes.limit(4L * 1024 * MB)).isEqualTo("4096 MB (4294967296 bytes)");
    }

    @Test
    void aVideoOneByteOverTheDataUriLimitIsSaidToBeOverByOneByte() {
        DataUriLimit limit = DataUriLimit.of("upscale_v1", null);

        assertThatThrownBy(() -> limit.check("'big.mp4'", 16 * MB + 1))
                .hasMessageContaining("'big.mp4' has 16777217 bytes (16 MB + 1 byte), over the data-URI limit of"
                        + " model upscale_v1 of 16 MB (16777216 bytes);");
    }
}
