package io.jenkins.plugins.runwayupscale.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.function.Supplier;

/** WireMock helpers: answer sequences, task bodies in both shapes, CometAPI's error envelope. */
final class Stubs {
    static final String TASK_ID = "7c1f0f5e-2f4e-4a5b-9b0e-3f1d2c4b5a69";
    static final String TASK_PATH = "/runwayml/v1/tasks/" + TASK_ID;
    static final String SUBMIT_PATH = "/runwayml/v1/video_upscale";
    static final String VIDEO = "https://cdn.example.com/final.mp4";
    static final String OUTPUT = "https://dnznrvs05pmza.cloudfront.net/out/final-4x.mp4";

    private Stubs() {}

    /** A WireMock server on a free port playing CometAPI, for {@code @RegisterExtension static}. */
    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort())
                .build();
    }

    /** A base URL on this machine where nothing listens: connections to it are refused. */
    static String nothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** The answers in order, the last one repeating for ever. */
    static void sequence(
            WireMockExtension server, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
        String scenario = "seq-" + System.nanoTime();
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder m = request.get()
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
                    .willReturn(answers[i]);
            if (i < answers.length - 1) {
                m = m.willSetStateTo("s" + (i + 1));
            }
            server.stubFor(m);
        }
    }

    static void tasks(WireMockExtension server, ResponseDefinitionBuilder... answers) {
        sequence(server, () -> get(urlEqualTo(TASK_PATH)), answers);
    }

    static void submits(WireMockExtension server, ResponseDefinitionBuilder... answers) {
        sequence(server, () -> post(urlEqualTo(SUBMIT_PATH)), answers);
    }

    static ResponseDefinitionBuilder created() {
        return json(200, "{\"id\":\"" + TASK_ID + "\"}");
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder bare(String status, String extra) {
        return json(
                200,
                "{\"id\":\"" + TASK_ID + "\",\"status\":\"" + status + "\",\"createdAt\":\"2026-01-01T00:00:00Z\""
                        + (extra.isEmpty() ? "" : "," + extra) + ",\"someNewField\":{\"x\":1}}");
    }

    static ResponseDefinitionBuilder succeededBare() {
        return bare("SUCCEEDED", "\"progress\":1,\"output\":[\"" + OUTPUT + "\"]");
    }

    /** CometAPI's wrapper; {@code nested} is the bare Runway task or null for the wrapper alone. */
    static ResponseDefinitionBuilder wrapped(
            String status, String progress, String resultUrl, String failReason, String nested) {
        return json(
                200,
                "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"" + TASK_ID
                        + "\",\"action\":\"video_upscale\",\"status\":\"" + status + "\",\"fail_reason\":\""
                        + (failReason == null ? "" : failReason) + "\",\"submit_time\":1767225600,\"start_time\":0,"
                        + "\"finish_time\":0,\"progress\":\"" + progress + "\""
                        + (resultUrl == null ? "" : ",\"result_url\":\"" + resultUrl + "\"")
                        + (nested == null ? "" : ",\"data\":" + nested) + "}}");
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return json(
                status,
                "{\"error\":{\"message\":\"" + message + " (request id: 20260101000000123)\","
                        + "\"type\":\"comet_api_error\",\"param\":\"\",\"code\":\"" + code + "\"}}");
    }

    static ResponseDefinitionBuilder taskNotExist() {
        return json(400, "{\"code\":\"task_not_exist\",\"message\":\"task_not_exist\",\"data\":null}");
    }
}
