package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static io.jenkins.plugins.runwayupscale.simulator.Api.body;
import static io.jenkins.plugins.runwayupscale.simulator.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestChecksTest {
    @RegisterExtension
    final Api api = Api.onRealTime();

    @Test
    void refusesSubmissionWithoutKeyWith401InCometsErrorEnvelope() throws Exception {
        HttpResponse<String> r = api.post(body("https://a.example.com/v.mp4"), null, true);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(r).at("/error/type").asText()).isEqualTo("comet_api_error");
        assertThat(json(r).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(json(r).at("/error/message").asText()).matches(".+ \\(request id: \\d+\\)");
        assertThat(json(r).at("/error").has("param")).isTrue();
        assertThat(api.simulator().taskCount()).isZero();
    }

    @Test
    void refusesWrongKeyOnEveryApiRoute() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        HttpRequest.Builder read = api.request(RunwaySimulator.TASKS_PATH + id).header("Authorization", "Bearer nope");
        HttpRequest.Builder delete = api.request(RunwaySimulator.TASKS_PATH + id)
                .header("Authorization", "Bearer nope")
                .DELETE();

        assertThat(api.post(body("https://a.example.com/v.mp4"), KEY + "x", true)
                        .statusCode())
                .isEqualTo(401);
        assertThat(api.send(read).statusCode()).isEqualTo(401);
        assertThat(api.send(delete).statusCode()).isEqualTo(401);
        assertThat(api.send(api.request(RunwaySimulator.TASKS_PATH + id).header("Authorization", KEY))
                        .statusCode())
                .as("the key without 'Bearer '")
                .isEqualTo(401);
        assertThat(api.status(id)).as("the refused DELETE cancelled nothing").isEqualTo("PENDING");
    }

    @Test
    void refusesSubmissionWithoutVersionHeaderButReadsWithout() throws Exception {
        HttpResponse<String> r = api.post(body("https://a.example.com/v.mp4"), KEY, false);
        String id = api.submit("https://a.example.com/v.mp4");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/message").asText()).contains("X-Runway-Version");
        assertThat(api.get(RunwaySimulator.TASKS_PATH + id).statusCode()).isEqualTo(200);
        assertThat(api.simulator().taskCount()).isEqualTo(1);
    }

    @Test
    void refusesBodiesThatAreNotJsonObjectsOrLackVideoUri() throws Exception {
        HttpResponse<String> notJson = api.post("videoUri=https://a.example.com/v.mp4");
        HttpResponse<String> array = api.post("[]");
        HttpResponse<String> noVideo = api.post("{\"model\":\"upscale_v1\"}");
        HttpResponse<String> blankVideo = api.post("{\"videoUri\":\" \",\"model\":\"upscale_v1\"}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(noVideo.statusCode()).isEqualTo(400);
        assertThat(json(noVideo).at("/error/message").asText()).contains("videoUri is required");
        assertThat(blankVideo.statusCode()).isEqualTo(400);
        assertThat(api.simulator().taskCount()).isZero();
    }

    @Test
    void refusesUnknownOrMissingModelAndAcceptsBothKnownOnes() throws Exception {
        HttpResponse<String> unknown = api.post("{\"videoUri\":\"https://a.example.com/v.mp4\",\"model\":\"gen9\"}");
        HttpResponse<String> missing = api.post("{\"videoUri\":\"https://a.example.com/v.mp4\"}");
        HttpResponse<String> magnific = api.post("{\"videoUri\":\"https://a.example.com/v.mp4\","
                + "\"model\":\"magnific_video_upscaler_creative\",\"resolution\":\"4k\"}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).at("/error/message").asText()).contains("model gen9 is not supported");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(magnific.statusCode()).isEqualTo(200);
        assertThat(json(magnific).get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(api.submit("https://a.example.com/v.mp4")).isNotEmpty();
        assertThat(api.simulator().taskCount()).isEqualTo(2);
    }

    @Test
    void aRetiredModelCanBeSimulatedByLeavingItOut() throws Exception {
        try (RunwaySimulator retired = RunwaySimulator.builder()
                .apiKey(KEY)
                .models("magnific_video_upscaler_creative")
                .build()
                .start()) {
            HttpResponse<String> r = new Api(retired).post(body("https://a.example.com/v.mp4"));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).at("/error/message").asText()).contains("upscale_v1");
        }
    }

    @Test
    void unknownRouteAndUnknownTaskAre404() throws Exception {
        HttpResponse<String> route = api.get("/runwayml/v1/image_to_video");
        HttpResponse<String> task = api.get(RunwaySimulator.TASKS_PATH + "no-such-task");

        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(json(route).at("/error/type").asText()).isEqualTo("comet_api_error");
        assertThat(task.statusCode()).isEqualTo(404);
    }

    @Test
    void bindsLoopbackOnAChosenPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (RunwaySimulator fixed =
                RunwaySimulator.builder().port(port).build().start()) {
            assertThat(fixed.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(fixed.port()).isEqualTo(port);
        }
    }
}
