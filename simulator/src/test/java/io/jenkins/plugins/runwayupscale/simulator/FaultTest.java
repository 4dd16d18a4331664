package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static io.jenkins.plugins.runwayupscale.simulator.Api.body;
import static io.jenkins.plugins.runwayupscale.simulator.Api.json;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.OUTPUTS_PATH;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.TASKS_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultTest {
    private static final String VIDEO = "https://a.example.com/v.mp4";

    @RegisterExtension
    final Api api = Api.withClock();

    @Test
    void rateLimitAnswers429WithRetryAfterSecondsThenLetsThrough() throws Exception {
        api.simulator().fault(FaultRule.first(1, "POST", SUBMIT_PATH, Fault.rateLimited(7)));

        HttpResponse<String> first = api.post(body(VIDEO));

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("7");
        assertThat(json(first).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(api.simulator().taskCount()).isZero();
        api.submit(VIDEO);
        assertThat(api.simulator().taskCount()).isEqualTo(1);
    }

    @Test
    void rateLimitCanAskInMillisecondsAlone() throws Exception {
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.rateLimitedMillis(1500)));

        HttpResponse<String> r = api.get(TASKS_PATH + "x");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after-ms")).contains("1500");
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 524})
    void serverErrorsUseTheErrorEnvelope(int status) throws Exception {
        String id = api.submit(VIDEO);
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.status(status)));

        HttpResponse<String> r = api.get(TASKS_PATH + id);

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(json(r).at("/error/type").asText()).isEqualTo("comet_api_error");
        assertThat(json(r).at("/error/message").asText()).contains("request id:");
        assertThat(api.get(TASKS_PATH + id).statusCode()).isEqualTo(200);
    }

    @Test
    void invalidRequestCanComeAsA500() throws Exception {
        api.simulator().fault(FaultRule.first(1, "POST", SUBMIT_PATH, Fault.status(500, "invalid_request")));

        HttpResponse<String> r = api.post(body(VIDEO));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(api.simulator().taskCount()).isZero();
    }

    @Test
    void resetClosesTheConnectionWithoutAnAnswer() {
        // Every matching request: the JDK client quietly retries a GET once on a closed connection.
        api.simulator().fault(FaultRule.always("*", "/runwayml/", Fault.of(Fault.Kind.RESET)));

        assertThatThrownBy(() -> api.get(TASKS_PATH + "x")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> api.post(body(VIDEO))).isInstanceOf(IOException.class);
        assertThat(api.simulator().taskCount()).isZero();
        assertThat(api.simulator().postCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void htmlRedirectAndMalformedJsonInTurn() throws Exception {
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.of(Fault.Kind.HTML)));
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.of(Fault.Kind.REDIRECT)));
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.of(Fault.Kind.MALFORMED_JSON)));

        HttpResponse<String> html = api.get(TASKS_PATH + "x");
        HttpResponse<String> redirect = api.get(TASKS_PATH + "x");
        HttpResponse<String> malformed = api.get(TASKS_PATH + "x");

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(html.body()).startsWith("<html>");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("https://"));
        assertThat(malformed.headers().firstValue("Content-Type")).contains("application/json");
        assertThatThrownBy(() -> Api.JSON.readTree(malformed.body())).isInstanceOf(IOException.class);
        assertThat(api.get(TASKS_PATH + "x").statusCode())
                .as("all three used up")
                .isEqualTo(404);
    }

    @Test
    void taskNotExistForTheFirstSecondsOfEachTask() throws Exception {
        String old = api.submit(VIDEO);
        api.clock.advance(Duration.ofSeconds(60));
        api.simulator()
                .fault(FaultRule.whileTaskYoungerThan(
                        Duration.ofSeconds(30), "GET", Fault.of(Fault.Kind.TASK_NOT_EXIST)));
        String young = api.submit(VIDEO);

        HttpResponse<String> early = api.get(TASKS_PATH + young);
        HttpResponse<String> oldRead = api.get(TASKS_PATH + old);
        api.clock.advance(Duration.ofSeconds(29));
        HttpResponse<String> stillEarly = api.get(TASKS_PATH + young);
        api.clock.advance(Duration.ofSeconds(1));

        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(json(early).get("code").asText()).isEqualTo("task_not_exist");
        assertThat(json(early).get("message").asText()).isEqualTo("task_not_exist");
        assertThat(oldRead.statusCode()).isEqualTo(200);
        assertThat(stillEarly.statusCode()).isEqualTo(400);
        assertThat(api.get(TASKS_PATH + young).statusCode()).isEqualTo(200);
    }

    @Test
    void theTaskAgeWindowTakesAnyFaultAndCountsInTaskTime() throws Exception {
        try (RunwaySimulator fast = RunwaySimulator.builder()
                .apiKey(KEY)
                .clock(api.clock)
                .timeScale(0.1)
                .fault(FaultRule.whileTaskYoungerThan(Duration.ofSeconds(10), "GET", Fault.status(503)))
                .build()
                .start()) {
            Api fastApi = new Api(fast);
            String id = fastApi.submit(VIDEO);

            int during = fastApi.get(TASKS_PATH + id).statusCode();
            api.clock.advance(Duration.ofSeconds(1));

            assertThat(during).isEqualTo(503);
            assertThat(fastApi.get(TASKS_PATH + id).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownTasksCanAnswerTaskNotExistInsteadOf404() throws Exception {
        api.simulator().fault(FaultRule.forUnknownTasks("GET", Fault.of(Fault.Kind.TASK_NOT_EXIST)));
        String id = api.submit(VIDEO);

        HttpResponse<String> unknown = api.get(TASKS_PATH + "no-such-task");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("code").asText()).isEqualTo("task_not_exist");
        assertThat(api.get(TASKS_PATH + id).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownStatusReplacesTheStatusInEveryShape() throws Exception {
        String id = api.submit(VIDEO);
        String wrapped = api.submit("wrapped", TaskScenario.standard().inShape(ResponseShape.WRAPPED));
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.of(Fault.Kind.UNKNOWN_STATUS)));
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.unknownStatus("PAUSED")));

        assertThat(api.status(id)).isEqualTo("WARMING_UP");
        assertThat(api.task(wrapped).at("/data/data/status").asText()).isEqualTo("PAUSED");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void createThenFailCreatesTheTaskButTheClientNeverLearnsItsId() throws Exception {
        api.simulator().fault(FaultRule.first(1, "POST", SUBMIT_PATH, Fault.createThenStatus(502)));
        api.simulator().fault(FaultRule.first(1, "POST", SUBMIT_PATH, Fault.of(Fault.Kind.CREATE_THEN_RESET)));

        HttpResponse<String> r = api.post(body(VIDEO));
        assertThatThrownBy(() -> api.post(body(VIDEO))).isInstanceOf(IOException.class);

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(json(r).at("/error/message").asText())
                .doesNotContain(api.simulator().taskIds().iterator().next());
        assertThat(api.simulator().taskCount()).isEqualTo(2);
        assertThat(api.simulator().postCount()).isEqualTo(2);
    }

    @Test
    void createThenFailLeavesAnInvalidSubmissionToTheNormalChecks() throws Exception {
        api.simulator().fault(FaultRule.always("POST", SUBMIT_PATH, Fault.createThenStatus(502)));

        HttpResponse<String> noVersion = api.post(body(VIDEO), KEY, false);
        HttpResponse<String> noKey = api.post(body(VIDEO), null, true);

        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(api.simulator().taskCount()).isZero();
    }

    @Test
    void probabilityRulesAreRepeatableWithTheSameSeed() throws Exception {
        List<Integer> first = statusesUnder(FaultRule.withProbability(0.3, 42, "GET", TASKS_PATH, Fault.status(503)));
        api.simulator().reset();
        List<Integer> second = statusesUnder(FaultRule.withProbability(0.3, 42, "GET", TASKS_PATH, Fault.status(503)));

        long faults = first.stream().filter(s -> s == 503).count();
        assertThat(faults).isBetween(25L, 95L);
        assertThat(first).containsOnly(404, 503).isEqualTo(second);
    }

    private List<Integer> statusesUnder(FaultRule rule) throws Exception {
        api.simulator().fault(rule);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            statuses.add(api.get(TASKS_PATH + "x").statusCode());
        }
        return statuses;
    }

    @Test
    void theFirstMatchingRuleAppliesAndMethodsAreMatched() throws Exception {
        String id = api.submit(VIDEO);
        api.simulator().fault(FaultRule.first(1, "DELETE", TASKS_PATH, Fault.status(504)));
        api.simulator().fault(FaultRule.first(2, "*", TASKS_PATH, Fault.status(503)));
        api.simulator().fault(FaultRule.always("GET", TASKS_PATH, Fault.status(500)));

        assertThat(api.get(TASKS_PATH + id).statusCode()).isEqualTo(503);
        assertThat(api.delete(id).statusCode()).isEqualTo(504);
        assertThat(api.delete(id).statusCode()).isEqualTo(503);
        assertThat(api.get(TASKS_PATH + id).statusCode()).isEqualTo(500);
        api.simulator().clearFaults();
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void slowAnswersWaitWithoutHoldingAServerThread() throws Exception {
        try (RunwaySimulator oneThread = RunwaySimulator.builder()
                .apiKey(KEY)
                .threads(1)
                .fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.slow(Duration.ofSeconds(2))))
                .build()
                .start()) {
            Api oneApi = new Api(oneThread);
            String id = oneApi.submit(VIDEO);
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> slow = oneApi.http.sendAsync(
                    oneApi.request(TASKS_PATH + id)
                            .header("Authorization", "Bearer " + KEY)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(5, TimeUnit.SECONDS).until(() -> oneThread.taskReadCount() == 1);

            int meanwhile = oneApi.get(TASKS_PATH + id).statusCode();
            boolean slowDoneMeanwhile = slow.isDone();
            HttpResponse<String> slowAnswer = slow.get(10, TimeUnit.SECONDS);

            assertThat(meanwhile).isEqualTo(200);
            assertThat(slowDoneMeanwhile).isFalse();
            assertThat(slowAnswer.statusCode()).isEqualTo(200);
            assertThat(Api.JSON.readTree(slowAnswer.body()).get("id").asText()).isEqualTo(id);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void downloadsCanFailOrBeCutShort() throws Exception {
        String id = api.submit(VIDEO);
        api.clock.advance(Duration.ofMinutes(2));
        api.simulator().fault(FaultRule.first(1, "GET", OUTPUTS_PATH, Fault.status(503)));
        api.simulator().fault(FaultRule.first(1, "GET", OUTPUTS_PATH, Fault.of(Fault.Kind.TRUNCATED_BODY)));

        assertThat(api.download(id).statusCode()).isEqualTo(503);
        assertThatThrownBy(() -> api.download(id)).isInstanceOf(IOException.class);
        assertThat(api.download(id).body()).isEqualTo(OutputContent.bytes(64 * 1024));
    }

    @Test
    void resetForgetsFaults() throws Exception {
        api.simulator().fault(FaultRule.always("POST", SUBMIT_PATH, Fault.status(503)));

        api.simulator().reset();

        assertThat(api.post(body(VIDEO)).statusCode()).isEqualTo(200);
    }
}
