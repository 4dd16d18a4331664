package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static io.jenkins.plugins.runwayupscale.simulator.Api.body;
import static io.jenkins.plugins.runwayupscale.simulator.Api.json;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.SUBMIT_PATH;
import static io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator.TASKS_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The faults of a hostile server: chosen bodies, chosen task ids, slow drips, huge bodies. */
class HostileFaultTest {
    private static final String VIDEO = "https://a.example.com/v.mp4";

    @RegisterExtension
    final Api api = Api.onRealTime();

    @Test
    void bodyFaultAnswersExactlyThatWithTheTaskIdFilledIn() throws Exception {
        String id = api.submit(VIDEO);
        api.simulator()
                .fault(FaultRule.first(
                        1,
                        "GET",
                        TASKS_PATH,
                        Fault.body(200, "{\"id\":\"{id}\",\"status\":\"FAILED\",\"failure\":\"\\u001b[2J\"}")));

        HttpResponse<String> r = api.get(TASKS_PATH + id);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":\"" + id + "\",\"status\":\"FAILED\",\"failure\":\"\\u001b[2J\"}");
        assertThat(json(api.get(TASKS_PATH + id)).get("status").asText()).isNotEqualTo("FAILED");
    }

    @Test
    void createAsMakesTheTaskUnderAnyIdAndAnswersIt() throws Exception {
        api.simulator().fault(FaultRule.first(1, "POST", SUBMIT_PATH, Fault.createAs("../../x/\"evil\"")));

        HttpResponse<String> r = api.post(body(VIDEO));

        assertThat(json(r).get("id").asText()).isEqualTo("../../x/\"evil\"");
        assertThat(api.simulator().taskIds()).containsExactly("../../x/\"evil\"");
    }

    @Test
    void dripSendsHeadersAtOnceThenTheBodyByteByByte() throws Exception {
        String id = api.submit(VIDEO);
        api.simulator().fault(FaultRule.always("GET", TASKS_PATH, Fault.drip(Duration.ofMillis(20))));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.simulator().baseUrl() + TASKS_PATH + id))
                .header("Authorization", "Bearer " + KEY)
                .build();

        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        long length = r.headers().firstValueAsLong("Content-Length").orElseThrow();
        try (InputStream in = r.body()) {
            assertThat(in.read()).isEqualTo('{');
            assertThat(in.available()).as("nothing else has arrived yet").isLessThan((int) length - 1);
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(Api.JSON.readTree("{" + rest).get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void dripOnASubmissionCreatesTheTask() throws Exception {
        api.simulator().fault(FaultRule.always("POST", SUBMIT_PATH, Fault.drip(Duration.ofMillis(1))));

        HttpResponse<String> r = api.post(body(VIDEO));

        assertThat(json(r).get("id").asText())
                .isEqualTo(api.simulator().taskIds().iterator().next());
        await().atMost(5, TimeUnit.SECONDS).until(() -> api.simulator().taskCount() == 1);
    }

    @Test
    void hugeBodyIsStreamedWithOrWithoutItsLength() throws Exception {
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.hugeBody(500, 5_000_000, true)));
        api.simulator().fault(FaultRule.first(1, "GET", TASKS_PATH, Fault.hugeBody(502, 3_000_000, false)));

        HttpResponse<String> declared = api.get(TASKS_PATH + "x");
        HttpResponse<String> chunked = api.get(TASKS_PATH + "x");

        assertThat(declared.statusCode()).isEqualTo(500);
        assertThat(declared.headers().firstValueAsLong("Content-Length")).hasValue(5_000_000);
        assertThat(declared.body()).hasSize(5_000_000).startsWith("{\"error\":").endsWith("\"}}");
        assertThat(chunked.statusCode()).isEqualTo(502);
        assertThat(chunked.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(chunked.body()).hasSize(3_000_000);
    }
}
