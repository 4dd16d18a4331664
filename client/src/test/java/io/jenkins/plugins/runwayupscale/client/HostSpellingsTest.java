package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Video URIs whose host is an IP address in any spelling, or this machine by name, are refused before anything is
 * sent; real host names pass. Property tests draw addresses and spellings from a seeded random source.
 */
class HostSpellingsTest {
    private static final int SAMPLES = 2_000;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://2130706433/a.mp4",
                "https://0x7f000001/a.mp4",
                "https://0X7F000001/a.mp4",
                "https://0177.0.0.1/a.mp4",
                "https://017700000001/a.mp4",
                "https://127.1/a.mp4",
                "https://127.0.0.1./a.mp4",
                "https://0x7f.0.0.1/a.mp4",
                "https://[::1]/a.mp4",
                "https://[::ffff:127.0.0.1]/a.mp4",
                "https://[0:0:0:0:0:0:0:1]:443/a.mp4",
                "https://3232235777/a.mp4",
                "https://cdn.example.com.0x10/a.mp4",
            })
    void refusesEverySpellingOfAnIpAddress(String uri) {
        assertThatThrownBy(() -> VideoUris.validate(uri))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("IP address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://localhost/a.mp4",
                "https://LOCALHOST/a.mp4",
                "https://localhost./a.mp4",
                "https://localhost:8443/a.mp4",
                "https://cdn.localhost/a.mp4",
                "https://cdn.localhost./a.mp4"
            })
    void refusesLoopbackNames(String uri) {
        assertThatThrownBy(() -> VideoUris.validate(uri))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("names this machine");
    }

    @Test
    void everySpellingOfARandomIpv4AddressIsRefused() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < SAMPLES; i++) {
            long address = random.nextLong(1L << 32);
            String host = spell(address, random);
            assertThat(Hosts.ipv4(Hosts.normalize(host))).as("reading %s", host).isEqualTo(address);
            assertThatThrownBy(() -> VideoUris.validate("https://" + host + "/clip.mp4"))
                    .as("host %s", host)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("IP address");
            assertThat(Hosts.isLoopback(host)).as("loopback %s", host).isEqualTo(address >>> 24 == 127);
        }
    }

    @Test
    void randomIpv6AddressesAreRefusedAndLoopbackOnesKnown() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < SAMPLES; i++) {
            List<String> groups = new ArrayList<>();
            for (int g = 0; g < 8; g++) {
                groups.add(Integer.toHexString(random.nextInt(0x10000)));
            }
            String host = "[" + String.join(":", groups) + "]";
            assertThatThrownBy(() -> VideoUris.validate("https://" + host + "/clip.mp4"))
                    .as("host %s", host)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("IP address");
        }
        assertThat(Hosts.isLoopback("[::1]")).isTrue();
        assertThat(Hosts.isLoopback("::ffff:127.3.2.1")).isTrue();
        assertThat(Hosts.isLoopback("[::2]")).isFalse();
    }

    @Test
    void randomHostNamesPass() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < SAMPLES; i++) {
            String host = hostName(random);
            assertThat(VideoUris.validate("https://" + host + "/clip.mp4"))
                    .as("host %s", host)
                    .isNotNull();
            assertThat(Hosts.isLoopback(host)).as("loopback %s", host).isFalse();
        }
    }

    @Test
    void numbersInsideNamesAreNotAddresses() throws Exception {
        for (String host : List.of("1.example.com", "0x7f000001.example.com", "cdn-127.example.com", "a1.b2.c3")) {
            assertThat(VideoUris.validate("https://" + host + "/a.mp4")).isNotNull();
        }
    }

    /** A resolver's spellings: 1 to 4 parts, each decimal, octal or hex, any letter case, maybe a trailing dot. */
    private static String spell(long address, SplittableRandom random) {
        int parts = 1 + random.nextInt(4);
        List<Long> values = new ArrayList<>();
        long rest = address;
        for (int i = 0; i < parts - 1; i++) {
            values.add(address >>> (24 - 8 * i) & 0xff);
        }
        int lastBits = 8 * (5 - parts);
        values.add(lastBits == 32 ? rest : rest & ((1L << lastBits) - 1));
        List<String> spelled = new ArrayList<>();
        for (long v : values) {
            spelled.add(
                    switch (random.nextInt(3)) {
                        case 0 -> Long.toString(v);
                        case 1 -> "0" + Long.toOctalString(v);
                        default ->
                            (random.nextBoolean() ? "0x" : "0X")
                                    + (random.nextBoolean()
                                            ? Long.toHexString(v)
                                            : Long.toHexString(v).toUpperCase(Locale.ROOT));
                    });
        }
        return String.join(".", spelled) + (random.nextInt(4) == 0 ? "." : "");
    }

    private static String hostName(SplittableRandom random) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        String inner = letters + "0123456789-";
        int labels = 2 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < labels; l++) {
            boolean top = l == labels - 1;
            StringBuilder label = new StringBuilder();
            label.append(letters.charAt(random.nextInt(letters.length())));
            int length = random.nextInt(10);
            for (int c = 0; c < length; c++) {
                String pool = top ? letters : inner;
                label.append(pool.charAt(random.nextInt(pool.length())));
            }
            if (label.charAt(label.length() - 1) == '-') {
                label.setCharAt(label.length() - 1, 'x');
            }
            parts.add(label.toString());
        }
        String host = String.join(".", parts);
        return host.endsWith(".localhost") || host.equals("localhost") ? "x" + host + ".com" : host;
    }
}
