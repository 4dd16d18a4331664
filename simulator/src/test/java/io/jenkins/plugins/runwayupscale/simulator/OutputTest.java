package io.jenkins.plugins.runwayupscale.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutputTest {
    @RegisterExtension
    final Api api = Api.withClock();

    @Test
    void servesTheGeneratedBytesOnceSucceededWithoutAKey() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        HttpResponse<byte[]> early = api.download(id);
        api.clock.advance(Duration.ofMinutes(2));

        HttpResponse<byte[]> r = api.download(id);

        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(64 * 1024);
        assertThat(r.body()).isEqualTo(OutputContent.bytes(64 * 1024));
        assertThat(api.simulator().downloadCount()).isEqualTo(2);
    }

    @Test
    void bigOutputsStreamWithAFixedLengthAndTheAdvertisedChecksum() throws Exception {
        long size = 40L * 1024 * 1024 + 123;
        String id = api.submit("big", TaskScenario.standard().withOutputBytes(size));
        api.clock.advance(Duration.ofMinutes(2));

        HttpResponse<InputStream> r = api.http.send(
                api.request(RunwaySimulator.OUTPUTS_PATH + id + ".mp4").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long received;
        try (InputStream in = new DigestInputStream(r.body(), digest)) {
            received = in.transferTo(OutputStream.nullOutputStream());
        }

        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(received).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(OutputContent.sha256(size));
    }

    @Test
    void contentIsTheSameEverywhereAndNotTrivial() {
        byte[] first = OutputContent.bytes(3 * 1024 * 1024);

        assertThat(OutputContent.byteAt(2 * 1024 * 1024 + 5)).isEqualTo(first[2 * 1024 * 1024 + 5]);
        assertThat(OutputContent.sha256(0))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(OutputContent.sha256(1000)).isNotEqualTo(OutputContent.sha256(1001));
        assertThat(new String(first, 0, 64, StandardCharsets.ISO_8859_1)
                        .chars()
                        .distinct()
                        .count())
                .isGreaterThan(30);
    }

    @Test
    void headTellsTheSizeWithoutABody() throws Exception {
        String id = api.submit("big", TaskScenario.standard().withOutputBytes(5_000_000_000L));
        api.clock.advance(Duration.ofMinutes(2));

        HttpResponse<byte[]> r = api.http.send(
                api.request(RunwaySimulator.OUTPUTS_PATH + id + ".mp4")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(5_000_000_000L);
        assertThat(r.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void anEmptyOutputIsServedAsAnEmptyBody() throws Exception {
        String id = api.submit("empty", TaskScenario.standard().withOutputBytes(0));
        api.clock.advance(Duration.ofMinutes(2));

        HttpResponse<byte[]> r = api.download(id);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void unknownOutputsAre404() throws Exception {
        assertThat(api.download("no-such-task").statusCode()).isEqualTo(404);
    }
}
