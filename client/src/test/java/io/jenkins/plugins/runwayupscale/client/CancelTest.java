package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CancelTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private CancelResult cancelAnswering(ResponseDefinitionBuilder... answers) throws Throwable {
        Stubs.sequence(server, () -> delete(urlEqualTo(TASK_PATH)), answers);
        return fixture.drive(fixture.client(server.baseUrl()).cancel(TASK_ID));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 204})
    void acceptedCancelIsCancelled(int status) throws Throwable {
        CancelResult result = cancelAnswering(aResponse().withStatus(status));

        assertThat(result.outcome()).isEqualTo(CancelResult.Outcome.CANCELLED);
        server.verify(1, deleteRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 405})
    void missingRouteMeansNotSupported(int status) throws Throwable {
        CancelResult result = cancelAnswering(aResponse().withStatus(status).withBody("nope"));

        assertThat(result.outcome()).isEqualTo(CancelResult.Outcome.NOT_SUPPORTED);
        assertThat(result.detail()).contains("HTTP " + status).contains("may keep running");
        server.verify(1, deleteRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void refusedCancelIsReportedNotThrown() throws Throwable {
        CancelResult result = cancelAnswering(Stubs.error(401, "invalid_api_key", "bad key"));

        assertThat(result.outcome()).isEqualTo(CancelResult.Outcome.FAILED);
        assertThat(result.detail()).contains("HTTP 401");
    }

    @Test
    void serverErrorIsRetriedOnceThenReported() throws Throwable {
        CancelResult result = cancelAnswering(Stubs.error(502, "bad_gateway", "down"));

        assertThat(result.outcome()).isEqualTo(CancelResult.Outcome.FAILED);
        server.verify(CallKind.CANCEL.maxAttempts(), deleteRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void unreachableServerIsReportedNotThrown() throws Throwable {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CancelResult result =
                fixture.drive(fixture.client("http://127.0.0.1:" + port).cancel(TASK_ID));

        assertThat(result.outcome()).isEqualTo(CancelResult.Outcome.FAILED);
        assertThat(result.detail()).contains("connection refused");
    }
}
