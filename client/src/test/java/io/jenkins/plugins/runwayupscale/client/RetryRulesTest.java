package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jenkins.plugins.runwayupscale.client.Stubs.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_ID;
import static io.jenkins.plugins.runwayupscale.client.Stubs.TASK_PATH;
import static io.jenkins.plugins.runwayupscale.client.Stubs.VIDEO;
import static io.jenkins.plugins.runwayupscale.client.Stubs.created;
import static io.jenkins.plugins.runwayupscale.client.Stubs.error;
import static io.jenkins.plugins.runwayupscale.client.Stubs.submits;
import static io.jenkins.plugins.runwayupscale.client.Stubs.succeededBare;
import static io.jenkins.plugins.runwayupscale.client.Stubs.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per row of the retry table in docs/cometapi.md, counting what the server saw. */
class RetryRulesTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private CompletableFuture<String> submit() throws InvalidInputException {
        return fixture.client(server.baseUrl()).submit(VIDEO);
    }

    private CompletableFuture<RunwayTask> read() throws InvalidInputException {
        return fixture.client(server.baseUrl()).readTask(TASK_ID);
    }

    private void assertPosts(int n) {
        server.verify(n, postRequestedFor(urlEqualTo(SUBMIT_PATH)));
    }

    private void assertGets(int n) {
        server.verify(n, getRequestedFor(urlEqualTo(TASK_PATH)));
    }

    @Test
    void submitSendsTheDocumentedRequest() throws Throwable {
        submits(server, created());
        RunwaySettings settings = RunwaySettings.builder()
                .baseUrl(server.baseUrl())
                .runwayVersion("2025-01-15")
                .model("magnific_video_upscaler_creative")
                .modelOption("resolution", "4k")
                .modelOption("creativity", 30)
                .build();

        String id = fixture.drive(fixture.client(settings).submit("  " + VIDEO + " "));

        assertThat(id).isEqualTo(TASK_ID);
        server.verify(
                1,
                postRequestedFor(urlEqualTo(SUBMIT_PATH))
                        .withHeader("Authorization", equalTo("Bearer " + EngineFixture.KEY))
                        .withHeader("X-Runway-Version", equalTo("2025-01-15"))
                        .withHeader("Content-Type", containing("application/json"))
                        .withHeader("User-Agent", matching("runway-upscale/.+"))
                        .withRequestBody(equalToJson(
                                "{\"videoUri\":\"" + VIDEO + "\",\"model\":\"magnific_video_upscaler_creative\","
                                        + "\"resolution\":\"4k\",\"creativity\":30}")));
    }

    @Test
    void readSendsVersionAndAuthHeaders() throws Throwable {
        tasks(server, succeededBare());

        fixture.drive(read());

        server.verify(getRequestedFor(urlEqualTo(TASK_PATH))
                .withHeader("Authorization", equalTo("Bearer " + EngineFixture.KEY))
                .withHeader("X-Runway-Version", equalTo("2024-11-06")));
    }

    @Test
    void badRequestIsNeverRetried() {
        submits(server, error(400, "invalid_video", "videoUri must answer HEAD with a video"), created());

        Throwable failure = fixture.failure(unchecked(this::submit));

        assertThat(failure)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("videoUri must answer HEAD")
                .hasMessageContaining("(request id: 20260101000000123)");
        assertThat(((InvalidInputException) failure).wasSent()).isTrue();
        assertPosts(1);
    }

    @Test
    void badRequestAboutTheModelSaysItMayBeRetired() {
        submits(server, error(400, "invalid_model", "model upscale_v1 is not supported"));

        assertThat(fixture.failure(unchecked(this::submit))).hasMessageContaining("may have been retired");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void authenticationFailuresAreNeverRetried(int status) {
        submits(server, error(status, "invalid_api_key", "Invalid token"), created());
        tasks(server, error(status, "invalid_api_key", "Invalid token"), succeededBare());

        assertThat(fixture.failure(unchecked(this::submit)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Check the CometAPI key");
        assertThat(fixture.failure(unchecked(this::read))).isInstanceOf(AuthenticationException.class);
        assertPosts(1);
        assertGets(1);
    }

    @Test
    void notFoundOnReadIsATaskLostWithoutRetry() {
        tasks(server, error(404, "not_found", "no such task"), succeededBare());

        assertThat(fixture.failure(unchecked(this::read))).isInstanceOf(TaskLostException.class);
        assertGets(1);
    }

    @Test
    void notFoundOnSubmitPointsAtTheBaseUrl() {
        submits(server, aResponse().withStatus(404).withBody("<html>Not Found</html>"), created());

        assertThat(fixture.failure(unchecked(this::submit)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("Check the base URL");
        assertPosts(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 503})
    void submitIsRetriedOnTimeoutRateLimitAndShedding(int status) throws Throwable {
        submits(server, error(status, "busy", "try later"), created());

        assertThat(fixture.drive(submit())).isEqualTo(TASK_ID);
        assertPosts(2);
    }

    @Test
    void rateLimitThatNeverEndsGivesUpWithATypedError() {
        submits(server, error(429, "rate_limit", "Too many requests"));

        assertThat(fixture.failure(unchecked(this::submit)))
                .isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("rate limit");
        assertPosts(CallKind.SUBMIT.maxAttempts());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504, 524})
    void submitIsNotRetriedOnServerErrorsBecauseTheTaskMayExist(int status) {
        submits(server, error(status, "upstream_error", "upstream failed"), created());

        Throwable failure = fixture.failure(unchecked(this::submit));

        assertThat(failure)
                .isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("may have been created")
                .hasMessageContaining("not resubmitted");
        assertPosts(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 524})
    void readIsRetriedOnTransientAnswers(int status) throws Throwable {
        tasks(server, error(status, "busy", "try later"), error(status, "busy", "try later"), succeededBare());

        assertThat(fixture.drive(read()).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertGets(3);
    }

    @Test
    void invalidRequestAs500IsNeverRetried() {
        submits(server, error(500, "invalid_request", "bad videoUri"), created());
        tasks(server, error(500, "invalid_request", "bad id"), succeededBare());

        assertThat(fixture.failure(unchecked(this::submit))).isInstanceOf(InvalidInputException.class);
        assertThat(fixture.failure(unchecked(this::read))).isInstanceOf(InvalidInputException.class);
        assertPosts(1);
        assertGets(1);
    }

    @Test
    void connectionRefusedIsRetriedForSubmitBecauseNothingWasSent() throws Exception {
        RunwayClient client = fixture.client(Stubs.nothingListening());

        Throwable failure = fixture.failure(client.submit(VIDEO));

        assertThat(failure)
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("connection refused")
                .hasMessageContaining("Check the base URL");
        assertThat(((TransportException) failure).isRequestSent()).isFalse();
        assertThat(fixture.transport.calls).hasSize(CallKind.SUBMIT.maxAttempts());
    }

    @Test
    void connectionResetAfterSendingIsNotRetriedForSubmit() {
        submits(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), created());

        Throwable failure = fixture.failure(unchecked(this::submit));

        assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("may have been created");
        assertPosts(1);
    }

    @Test
    void emptyResponseAfterSendingIsNotRetriedForSubmit() {
        submits(server, aResponse().withFault(Fault.EMPTY_RESPONSE), created());

        assertThat(fixture.failure(unchecked(this::submit))).hasMessageContaining("may have been created");
        assertPosts(1);
    }

    @Test
    void connectionResetIsRetriedForRead() throws Throwable {
        tasks(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), succeededBare());

        assertThat(fixture.drive(read()).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertGets(2);
    }

    @Test
    void readTimeoutIsNotRetriedForSubmitButIsForRead() throws Throwable {
        submits(server, created().withFixedDelay(2_000), created());
        tasks(server, succeededBare().withFixedDelay(2_000), succeededBare());

        try (EngineFixture impatient = new EngineFixture(
                EngineConfig.builder().responseTimeout(Duration.ofMillis(300)).build(),
                new ProgressAwarePollingPolicy())) {
            RunwayClient client = impatient.client(server.baseUrl());
            assertThat(impatient.failure(unchecked(() -> client.submit(VIDEO))))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("read timeout")
                    .hasMessageContaining("may have been created");
            assertThat(impatient.drive(client.readTask(TASK_ID)).status()).isEqualTo(TaskStatus.SUCCEEDED);
        }
        assertPosts(1);
        assertGets(2);
    }

    @Test
    void retryAfterSecondsIsHonoured() throws Throwable {
        submits(server, error(429, "rate_limit", "slow down").withHeader("Retry-After", "7"), created());

        fixture.drive(submit());

        assertThat(WaitForTaskTest.gaps(fixture.transport.sentAt))
                .singleElement()
                .satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void retryAfterMillisecondsIsHonoured() throws Throwable {
        tasks(server, error(503, "busy", "later").withHeader("retry-after-ms", "12500"), succeededBare());

        fixture.drive(read());

        assertThat(WaitForTaskTest.gaps(fixture.transport.sentAt))
                .singleElement()
                .satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(12_500)));
    }

    @Test
    void retryAfterHttpDateIsHonoured() throws Throwable {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                EngineFixture.START.plusSeconds(20).atOffset(ZoneOffset.UTC));
        tasks(server, error(429, "rate", "later").withHeader("Retry-After", date), succeededBare());

        fixture.drive(read());

        assertThat(fixture.transport.sentAt.get(1)).isAfterOrEqualTo(EngineFixture.START.plusSeconds(20));
    }

    @Test
    void retryAfterIsCappedAtSixtySeconds() throws Throwable {
        tasks(server, error(429, "rate", "later").withHeader("Retry-After", "3600"), succeededBare());

        fixture.drive(read());

        assertThat(WaitForTaskTest.gaps(fixture.transport.sentAt))
                .singleElement()
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readRetriesStopAtTheWaitDeadline() throws Exception {
        tasks(server, error(503, "busy", "later").withHeader("Retry-After", "50"));
        RunwayClient client = fixture.client(RunwaySettings.builder()
                .baseUrl(server.baseUrl())
                .waitTimeout(Duration.ofSeconds(60))
                .build());

        Throwable failure = fixture.failure(client.waitForTask(TASK_ID, WaitListener.NONE));

        assertThat(failure).isInstanceOf(ServerErrorException.class);
        assertThat(fixture.elapsed()).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertGets(2);
    }

    @Test
    void redirectIsNotFollowed() {
        submits(
                server,
                aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example.com/"),
                created());

        assertThat(fixture.failure(unchecked(this::submit)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("redirect")
                .hasMessageContaining("HTTP 301");
        assertPosts(1);
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void htmlInsteadOfJsonIsQuotedShortly() {
        String html = "<html><body>" + "x".repeat(2000) + "</body></html>";
        tasks(
                server,
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody(html));

        Throwable failure = fixture.failure(unchecked(this::read));

        assertThat(failure).isInstanceOf(InvalidResponseException.class).hasMessageContaining("<html><body>xxx");
        assertThat(failure.getMessage().length()).isLessThan(Excerpt.BODY_LIMIT + 200);
    }

    @Test
    void malformedSubmitAnswerSaysTheTaskMayExist() {
        submits(server, Stubs.json(200, "{\"id\":"), created());

        assertThat(fixture.failure(unchecked(this::submit)))
                .isInstanceOf(InvalidResponseException.class)
                .hasMessageContaining("may have been created");
        assertPosts(1);
    }

    @Test
    void backoffGrowsWithJitterAndStaysUnderTheCap() {
        Backoff backoff = new Backoff(new SplittableRandom(1));
        for (int attempt = 1; attempt <= 10; attempt++) {
            long full = Math.min(1000L << (attempt - 1), 60_000);
            assertThat(backoff.delay(attempt, null).toMillis()).isBetween(full / 2, full);
        }
        assertThat(backoff.delay(3, Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
        assertThat(backoff.delay(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(60));
    }

    private static <T> CompletableFuture<T> unchecked(ThrowingSupplier<T> s) {
        try {
            return s.get();
        } catch (InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        CompletableFuture<T> get() throws InvalidInputException;
    }
}
