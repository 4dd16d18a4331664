package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CancelTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

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
        CancelResult result =
                fixture.drive(fixture.client(Stubs.nothingListening()).cancel(TASK_ID));

        assertThat(result.outcome()).isEqualTo(CancelResult.Outcome.FAILED);
        assertThat(result.detail()).contains("connection refused");
    }
}
