package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.jenkins.plugins.runwayupscale.client.EngineFixture.KEY;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.VIDEO;
import static io.jenkins.plugins.runwayupscale.client.Stubs.bare;
import static io.jenkins.plugins.runwayupscale.client.Stubs.error;
import static io.jenkins.plugins.runwayupscale.client.Stubs.submits;
import static io.jenkins.plugins.runwayupscale.client.Stubs.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The key must never show: not in toString(), not in any exception message or stack trace, even when echoed. */
class SecretHandlingTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    static Stream<ResponseDefinitionBuilder> failingAnswers() {
        String echo = "Invalid token Bearer " + KEY;
        return Stream.of(
                error(400, "bad", echo),
                error(401, "invalid_api_key", echo),
                error(403, "quota", echo),
                error(404, "nf", echo),
                error(429, "rate", echo),
                error(500, "invalid_request", echo),
                error(502, "bad_gateway", echo),
                error(503, "busy", echo),
                aResponse().withStatus(200).withBody("<html>" + KEY + "</html>"),
                aResponse().withStatus(301).withHeader("Location", "https://x.example.com/?k=" + KEY),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                Stubs.json(400, "{\"code\":\"task_not_exist\",\"message\":\"" + KEY + "\"}"));
    }

    @ParameterizedTest
    @MethodSource("failingAnswers")
    void noFailureOfSubmitOrReadRevealsTheKey(ResponseDefinitionBuilder answer) throws Exception {
        submits(server, answer);
        tasks(server, answer);
        RunwayClient client = fixture.client(server.baseUrl());

        Throwable submitFailure = fixture.failure(client.submit(VIDEO));
        Throwable readFailure = fixture.failure(client.readTask(TASK_ID));

        assertThat(List.of(submitFailure, readFailure)).allSatisfy(SecretHandlingTest::assertKeyAbsent);
    }

    @Test
    void failedTaskWhoseTextEchoesTheKeyDoesNotRevealIt() throws Exception {
        tasks(server, bare("FAILED", "\"failureCode\":\"ASSET.INVALID\",\"failure\":\"bad input " + KEY + "\""));

        Throwable failure = fixture.failure(fixture.client(server.baseUrl()).waitForTask(TASK_ID, WaitListener.NONE));

        assertKeyAbsent(failure);
        assertThat(failure).hasMessageContaining("bad input");
    }

    @Test
    void toStringsNeverRevealTheKey() throws Exception {
        ApiKey key = ApiKey.of(KEY);
        RunwayClient client = fixture.client(server.baseUrl());
        assertThat(key.toString()).doesNotContain(KEY).isEqualTo("ApiKey[****]");
        assertThat(client.toString()).doesNotContain(KEY);
        assertThat(new HttpCall(
                                "GET",
                                URI.create("https://x.example.com"),
                                Map.of("Authorization", "Bearer " + KEY),
                                null)
                        .toString())
                .doesNotContain(KEY);
        assertThat(new ProxySettings("proxy", 3128, "u", KEY.toCharArray(), List.of()).toString())
                .doesNotContain(KEY);
    }

    @Test
    void apiKeyIsNotSerializable() {
        assertThat(Serializable.class.isAssignableFrom(ApiKey.class)).isFalse();
    }

    static void assertKeyAbsent(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(KEY);
        assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
    }
}
