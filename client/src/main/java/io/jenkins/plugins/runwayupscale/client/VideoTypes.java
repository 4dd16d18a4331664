package io.jenkins.plugins.runwayupscale.client;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Tells a video's media type from its first bytes, not from its name: a renamed PNG must not reach Runway as
 * {@code video/mp4}, and an {@code .mp4} that is really a QuickTime file should be sent as one.
 */
public final class VideoTypes {
    /** How many leading bytes {@link #sniff} looks at; fewer are fine for short files. */
    public static final int HEAD_LENGTH = 4096;

    private static final int TS_PACKET = 188;
    private static final Set<String> AUDIO_BRANDS = Set.of("M4A ", "M4B ", "M4P ", "F4A ", "F4B ");
    private static final Set<String> IMAGE_BRANDS =
            Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis", "crx ");
    private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide", "free", "skip", "pnot");

    private VideoTypes() {}

    /**
     * The media type of the video whose file starts with {@code head[0..length)}.
     *
     * @param name the file's name, for the message
     * @throws InvalidInputException when the bytes are not a video container we know, naming what they look like
     */
    public static String sniff(String name, byte[] head, int length) throws InvalidInputException {
        Sniffed found = identify(head, Math.min(length, head.length));
        if (found.video()) {
            return found.type();
        }
        throw InvalidInputException.local(
                "video file",
                "'" + name + "' is not a video"
                        + (found.type() == null ? " in a format we know" : " (it looks like " + found.type() + ")")
                        + "; send an MP4, MOV, WebM, Matroska, AVI, MPEG, MPEG-TS, Ogg Theora, FLV or WMV file");
    }

    /** A media type (video) or a description of what the bytes are instead (not a video), or nothing known. */
    private record Sniffed(String type, boolean video) {
        static Sniffed video(String type) {
            return new Sniffed(type, true);
        }

        static Sniffed other(String what) {
            return new Sniffed(what, false);
        }
    }

    private static Sniffed identify(byte[] b, int n) {
        if (n >= 8 && ascii(b, 4, 4).equals("ftyp")) {
            return isoBrand(n >= 12 ? ascii(b, 8, 4) : "");
        }
        if (n >= 8 && QUICKTIME_ATOMS.contains(ascii(b, 4, 4))) {
            return Sniffed.video("video/quicktime");
        }
        if (startsWith(b, n, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Sniffed.video(contains(b, n, "webm") ? "video/webm" : "video/x-matroska");
        }
        if (n >= 12 && ascii(b, 0, 4).equals("RIFF")) {
            String form = ascii(b, 8, 4);
            return form.equals("AVI ")
                    ? Sniffed.video("video/x-msvideo")
                    : Sniffed.other("a RIFF " + form.strip() + " file");
        }
        if (isTransportStream(b, n, 0) || isTransportStream(b, n, 4)) {
            return Sniffed.video("video/mp2t");
        }
        if (startsWith(b, n, 0x00, 0x00, 0x01, 0xBA) || startsWith(b, n, 0x00, 0x00, 0x01, 0xB3)) {
            return Sniffed.video("video/mpeg");
        }
        if (n >= 4 && ascii(b, 0, 4).equals("OggS")) {
            return contains(b, n, "theora") ? Sniffed.video("video/ogg") : Sniffed.other("Ogg audio");
        }
        if (n >= 4 && ascii(b, 0, 3).equals("FLV") && b[3] == 1) {
            return Sniffed.video("video/x-flv");
        }
        if (startsWith(b, n, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return Sniffed.video("video/x-ms-asf");
        }
        return notVideo(b, n);
    }

    private static Sniffed isoBrand(String brand) {
        if (brand.equals("qt  ")) {
            return Sniffed.video("video/quicktime");
        }
        if (AUDIO_BRANDS.contains(brand)) {
            return Sniffed.other("MPEG-4 audio");
        }
        if (IMAGE_BRANDS.contains(brand)) {
            return Sniffed.other("a HEIF/AVIF image");
        }
        if (brand.startsWith("3g")) {
            return Sniffed.video("video/3gpp");
        }
        // mp41, mp42, isom, iso2..iso9, avc1, M4V, dash, and the many camera brands: all MP4.
        return Sniffed.video("video/mp4");
    }

    private static Sniffed notVideo(byte[] b, int n) {
        if (startsWith(b, n, 0x89, 'P', 'N', 'G')) {
            return Sniffed.other("a PNG image");
        }
        if (startsWith(b, n, 0xFF, 0xD8, 0xFF)) {
            return Sniffed.other("a JPEG image");
        }
        if (n >= 4 && ascii(b, 0, 4).equals("GIF8")) {
            return Sniffed.other("a GIF image");
        }
        if (n >= 4 && ascii(b, 0, 4).equals("%PDF")) {
            return Sniffed.other("a PDF document");
        }
        if (startsWith(b, n, 'P', 'K', 0x03, 0x04)) {
            return Sniffed.other("a ZIP archive");
        }
        if (n >= 3 && ascii(b, 0, 3).equals("ID3") || startsWith(b, n, 0xFF, 0xFB)) {
            return Sniffed.other("MP3 audio");
        }
        if (n == 0) {
            return Sniffed.other("an empty file");
        }
        return new Sniffed(looksLikeText(b, n) ? "text" : null, false);
    }

    private static boolean isTransportStream(byte[] b, int n, int offset) {
        int packet = offset == 0 ? TS_PACKET : TS_PACKET + 4;
        if (n < offset + 2 * packet + 1) {
            return false;
        }
        return b[offset] == 0x47 && b[offset + packet] == 0x47 && b[offset + 2 * packet] == 0x47;
    }

    private static boolean looksLikeText(byte[] b, int n) {
        for (int i = 0; i < Math.min(n, 512); i++) {
            int c = b[i] & 0xFF;
            if (c < 0x09 || c > 0x0D && c < 0x20 && c != 0x1B) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int n, int... prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] b, int n, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }
}
