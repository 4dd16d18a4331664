package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoTypesTest {
    /** The first bytes of real containers, padded with zeros. */
    static byte[] head(String hex, String ascii, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < hex.length(); i += 2) {
            out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
        byte[] padded = new byte[Math.max(length, out.size())];
        System.arraycopy(out.toByteArray(), 0, padded, 0, out.size());
        return padded;
    }

    static byte[] ftyp(String brand) {
        return head("00000020", "ftyp" + brand + "\0\0\0\0isommp41", 64);
    }

    @ParameterizedTest
    @CsvSource({
        "isom, video/mp4",
        "mp42, video/mp4",
        "'M4V ', video/mp4",
        "avc1, video/mp4",
        "'qt  ', video/quicktime",
        "3gp5, video/3gpp"
    })
    void readsTheBrandOfIsoMediaFiles(String brand, String type) throws Exception {
        assertThat(VideoTypes.sniff("clip", ftyp(brand), 64)).isEqualTo(type);
    }

    @Test
    void knowsQuickTimeFilesWithoutAFileTypeBox() throws Exception {
        assertThat(VideoTypes.sniff("old.mov", head("00000008", "wide", 32), 32))
                .isEqualTo("video/quicktime");
        assertThat(VideoTypes.sniff("old.mov", head("0000a000", "moov", 32), 32))
                .isEqualTo("video/quicktime");
    }

    @Test
    void tellsWebmFromMatroskaByTheDocType() throws Exception {
        assertThat(VideoTypes.sniff("a.webm", head("1a45dfa3a34286810142f7810142f2810442f381084282", "webm", 64), 64))
                .isEqualTo("video/webm");
        assertThat(VideoTypes.sniff(
                        "a.mkv", head("1a45dfa3a34286810142f7810142f2810442f381084282", "matroska", 64), 64))
                .isEqualTo("video/x-matroska");
    }

    @Test
    void knowsAviOggFlvWmvAndMpeg() throws Exception {
        assertThat(VideoTypes.sniff("a.avi", head("", "RIFF\u0010\0\0\0AVI LIST", 64), 64))
                .isEqualTo("video/x-msvideo");
        assertThat(VideoTypes.sniff("a.ogv", head("", "OggS\0\u0002\0\0\0\0\0\0\0\0\u0080theora", 64), 64))
                .isEqualTo("video/ogg");
        assertThat(VideoTypes.sniff("a.flv", head("464c5601", "", 16), 16)).isEqualTo("video/x-flv");
        assertThat(VideoTypes.sniff("a.wmv", head("3026b2758e66cf11a6d900aa0062ce6c", "", 32), 32))
                .isEqualTo("video/x-ms-asf");
        assertThat(VideoTypes.sniff("a.mpg", head("000001ba", "", 32), 32)).isEqualTo("video/mpeg");
    }

    @Test
    void knowsTransportStreamsByTheirSyncBytes() throws Exception {
        byte[] ts = new byte[600];
        ts[0] = ts[188] = ts[376] = 0x47;
        assertThat(VideoTypes.sniff("a.ts", ts, ts.length)).isEqualTo("video/mp2t");
        byte[] m2ts = new byte[600];
        m2ts[4] = m2ts[196] = m2ts[388] = 0x47;
        assertThat(VideoTypes.sniff("a.m2ts", m2ts, m2ts.length)).isEqualTo("video/mp2t");
    }

    @Test
    void refusesWhatIsNotAVideoAndSaysWhatItLooksLike() {
        assertThatThrownBy(() -> VideoTypes.sniff("intro.mp4", head("89504e470d0a1a0a", "", 32), 32))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'intro.mp4' is not a video (it looks like a PNG image)");
        assertThatThrownBy(() -> VideoTypes.sniff("song.m4a", ftyp("M4A "), 64))
                .hasMessageContaining("(it looks like MPEG-4 audio)");
        assertThatThrownBy(() -> VideoTypes.sniff("photo.heic", ftyp("heic"), 64))
                .hasMessageContaining("HEIF/AVIF image");
        assertThatThrownBy(() -> VideoTypes.sniff("a.wav", head("", "RIFF\u0010\0\0\0WAVEfmt ", 32), 32))
                .hasMessageContaining("a RIFF WAVE file");
        assertThatThrownBy(() -> VideoTypes.sniff("a.ogg", head("", "OggS\0\u0002\0\0\u0001vorbis", 64), 64))
                .hasMessageContaining("Ogg audio");
        byte[] text = "<!DOCTYPE html><html>Access denied</html>".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> VideoTypes.sniff("render.mp4", text, text.length))
                .hasMessageContaining("(it looks like text)");
        assertThatThrownBy(() -> VideoTypes.sniff("empty.mp4", new byte[0], 0)).hasMessageContaining("an empty file");
        assertThatThrownBy(() -> VideoTypes.sniff("noise.bin", new byte[] {1, 2, 3, (byte) 0xFE, 0}, 5))
                .hasMessageContaining("'noise.bin' is not a video in a format we know")
                .hasMessageContaining("send an MP4, MOV, WebM");
    }
}
