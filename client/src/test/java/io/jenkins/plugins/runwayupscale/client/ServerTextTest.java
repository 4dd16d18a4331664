package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Property tests over random strings: whatever a server sends, what comes out is safe, short and keyless. */
class ServerTextTest {
    private static final String KEY = "sk-prop-SECRET-42";
    private static final int SAMPLES = 5_000;
    private static final int[] HOSTILE = {
        0x00, 0x07, 0x08, '\t', '\n', 0x0B, '\r', 0x1B, 0x7F, 0x85, 0x9B, 0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029,
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0xFEFF, 0xD800, 0xDFFF
    };

    private final ServerText text = new ServerText(apiKey());

    @Test
    void nothingUnsafeTheKeyOrTooLongEverComesOut() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < SAMPLES; i++) {
            String raw = randomText(random);
            int limit = 4 + random.nextInt(600);

            String clean = text.clean(raw, limit);

            assertThat(clean.length()).as("length of %s", show(raw)).isLessThanOrEqualTo(limit);
            assertThat(clean).as("from %s", show(raw)).doesNotContain(KEY);
            clean.codePoints()
                    .forEach(c -> assertThat(ServerText.isUnsafe(c) || c <= 0xFFFF && Character.isSurrogate((char) c))
                            .as("U+%04X from %s", c, show(raw))
                            .isFalse());
            for (int h : HOSTILE) {
                // Lone surrogates are checked above: as numbers they also match halves of real pairs.
                if (Character.isSurrogate((char) h)) {
                    continue;
                }
                assertThat(clean.indexOf(h)).as("U+%04X from %s", h, show(raw)).isNegative();
            }
            assertThat(clean).doesNotContain("\u2028").doesNotContain("\n").doesNotStartWith(" ");
            assertThat(text.clean(clean, limit)).as("cleaning twice").isEqualTo(clean);
        }
    }

    @Test
    void safeTextComesOutUnchanged() {
        SplittableRandom random = new SplittableRandom(5);
        String pool = "abcXYZ 0123456789.,:;!?-_/()[]{}\"'éßΩ漢字";
        for (int i = 0; i < SAMPLES; i++) {
            StringBuilder raw = new StringBuilder("x");
            int length = random.nextInt(200);
            for (int c = 0; c < length; c++) {
                raw.append(pool.charAt(random.nextInt(pool.length())));
            }
            String single = raw.toString().replaceAll(" +", " ").strip();

            assertThat(text.clean(single, 1000)).isEqualTo(single);
        }
    }

    @Test
    void escapedKeyIsFoundInJsonAndInTextThatIsAlmostJson() {
        String escaped = escape(KEY);

        assertThat(text.excerpt("{\"error\":\"bad key " + escaped + "\"}", 512))
                .doesNotContain(KEY)
                .contains("bad key ****");
        assertThat(text.excerpt("{\"error\":\"bad key " + escaped + "\"", 512))
                .doesNotContain(KEY)
                .contains("****");
    }

    @Test
    void aFakeLogLineStaysOnTheLineItCameIn() {
        assertThat(text.clean("bad input\nFinished: SUCCESS\u001b]0;owned\u0007\u202Egnp.exe", 200))
                .isEqualTo("bad input Finished: SUCCESS ]0;owned gnp.exe");
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String cut = text.clean("ab" + emoji.repeat(10), 6);

        assertThat(cut).isEqualTo("ab...").doesNotContain("\uD83D");
        assertThat(text.clean("abc" + emoji + "defgh", 8)).isEqualTo("abc" + emoji + "...");
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder raw = new StringBuilder();
        int parts = random.nextInt(30);
        for (int p = 0; p < parts; p++) {
            switch (random.nextInt(6)) {
                case 0 -> raw.appendCodePoint(HOSTILE[random.nextInt(HOSTILE.length)]);
                case 1 -> raw.append(KEY);
                case 2 ->
                    raw.append(KEY, 0, random.nextInt(KEY.length()))
                            .appendCodePoint(0x1B)
                            .append(KEY.substring(random.nextInt(KEY.length())));
                case 3 -> raw.appendCodePoint(random.nextInt(0x110000));
                case 4 -> raw.append("x".repeat(random.nextInt(300)));
                default -> raw.append("\u001b[31mFinished: SUCCESS\r\n");
            }
        }
        return raw.toString();
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        value.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
        return escaped.toString();
    }

    private static String show(String raw) {
        StringBuilder shown = new StringBuilder();
        raw.codePoints()
                .limit(80)
                .forEach(c -> shown.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : (char) c));
        return shown.toString();
    }

    private static ApiKey apiKey() {
        try {
            return ApiKey.of(KEY);
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }
}
