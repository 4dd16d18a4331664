package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationTest {
    @RegisterExtension
    static WireMockExtension server = Stubs.server();

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                          | is missing",
                "'   '                                       | is missing",
                "http://cdn.example.com/a.mp4                | a http: URL; Runway accepts only https://",
                "ftp://cdn.example.com/a.mp4                 | a ftp: URL",
                "file:///tmp/a.mp4                           | a file: URL",
                "javascript:alert(1)                         | a javascript: URL",
                "/videos/a.mp4                               | a relative reference",
                "clip.mp4                                    | a relative reference",
                "https://user:secret@cdn.example.com/a.mp4   | must not contain user name or password",
                "https://192.168.1.20/a.mp4                  | IP address",
                "https://[2001:db8::1]/a.mp4                 | IP address",
                "https://cdn example.com/a.mp4               | is not a valid URL",
                "https:///a.mp4                              | has no valid host name",
                "data:text/plain;base64,AAAA                 | not of the form data:video/<type>;base64,<data>",
                "data:video/mp4,AAAA                         | not of the form data:video/<type>;base64,<data>",
                "data:video/mp4;base64,@@@@                  | base64 data is invalid",
                "data:video/mp4;base64,AAA                   | base64 data is invalid",
                "data:video/mp4;base64,                      | base64 data is invalid",
            })
    void rejectsBadVideoUriWithoutSendingAnything(String uri, String expected) {
        RunwayClient client = fixture.client(server.baseUrl());

        assertThatThrownBy(() -> client.submit(uri))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("video URI: ")
                .hasMessageContaining(expected)
                .satisfies(
                        e -> assertThat(((InvalidInputException) e).wasSent()).isFalse());
        assertNothingSent();
    }

    @Test
    void rejectsNullVideoUri() {
        RunwayClient client = fixture.client(server.baseUrl());
        assertThatThrownBy(() -> client.submit(null)).hasMessageContaining("video URI: is missing");
        assertNothingSent();
    }

    @Test
    void rejectsUrlLongerThan2048Characters() {
        String uri = "https://cdn.example.com/" + "a".repeat(2048);
        RunwayClient client = fixture.client(server.baseUrl());
        assertThatThrownBy(() -> client.submit(uri)).hasMessageContaining("at most 2048");
        assertNothingSent();
    }

    @Test
    void acceptsUrlOfExactly2048Characters() throws Exception {
        String prefix = "https://cdn.example.com/";
        String uri = prefix + "a".repeat(2048 - prefix.length());
        assertThat(VideoUris.validate(uri)).isEqualTo(uri);
    }

    @Test
    void rejectsDataUriOver16Megabytes() {
        String payload = Base64.getEncoder().encodeToString(new byte[16 * 1024 * 1024 + 3]);
        RunwayClient client = fixture.client(server.baseUrl());
        assertThatThrownBy(() -> client.submit("data:video/mp4;base64," + payload))
                .hasMessageContaining("data-URI limit of model upscale_v1 of 16 MB")
                .hasMessageContaining((16 * 1024 * 1024 + 3) + " bytes");
        assertNothingSent();
    }

    @Test
    void appliesTheDataUriLimitOfTheModelAndNamesIt() throws Exception {
        String payload = Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]);
        RunwaySettings magnific = RunwaySettings.builder()
                .baseUrl(server.baseUrl())
                .model("magnific_video_upscaler_creative")
                .build();
        RunwayClient client = fixture.client(magnific);
        assertThatThrownBy(() -> client.submit("data:video/mp4;base64," + payload))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data-URI limit of model magnific_video_upscaler_creative of 5 MB")
                .hasMessageContaining((5 * 1024 * 1024 + 1) + " bytes");
        assertNothingSent();
    }

    @Test
    void aConfiguredDataUriLimitOverridesTheModels() throws Exception {
        String payload = Base64.getEncoder().encodeToString(new byte[2048]);
        RunwaySettings small = RunwaySettings.builder()
                .baseUrl(server.baseUrl())
                .dataUriLimit(1024L)
                .build();
        RunwayClient client = fixture.client(small);
        assertThatThrownBy(() -> client.submit("data:video/mp4;base64," + payload))
                .hasMessageContaining("over the configured data-URI limit of 1 KB (1024 bytes)");
        assertNothingSent();
    }

    @Test
    void acceptsDataUriOfExactly16Megabytes() throws Exception {
        String payload = Base64.getEncoder().encodeToString(new byte[16 * 1024 * 1024]);
        assertThat(VideoUris.validate("data:video/mp4;base64," + payload)).startsWith("data:video/mp4;base64,");
    }

    @Test
    void abbreviatesDataUriForDisplay() {
        assertThat(VideoUris.forDisplay("data:video/webm;base64,AAAAAA=="))
                .isEqualTo("data:video/webm;base64,... (4 bytes)");
        assertThat(VideoUris.forDisplay("https://cdn.example.com/a.mp4")).isEqualTo("https://cdn.example.com/a.mp4");
    }

    @Test
    void anAbbreviatedDataUriStaysAsItIs() {
        String shown = VideoUris.forDisplay("data:video/webm;base64,AAAAAA==");

        assertThat(VideoUris.forDisplay(shown)).isEqualTo("data:video/webm;base64,... (4 bytes)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-13-01 | Runway version: '2024-13-01' is not a date of the form YYYY-MM-DD",
                "yesterday  | Runway version: 'yesterday' is not a date",
                "2024-1-6   | Runway version: '2024-1-6' is not a date",
            })
    void rejectsMalformedRunwayVersion(String version, String expected) {
        assertThatThrownBy(() -> RunwaySettings.builder().runwayVersion(version).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void rejectsBlankModelAndOddModelNames() {
        assertThatThrownBy(() -> RunwaySettings.builder().model("   ").build())
                .hasMessageStartingWith("model: is blank");
        assertThatThrownBy(() -> RunwaySettings.builder().model("up scale").build())
                .hasMessageStartingWith("model: ");
    }

    @Test
    void rejectsOptionsThatWouldOverrideTheVideoOrModel() {
        assertThatThrownBy(() ->
                        RunwaySettings.builder().modelOption("videoUri", "x").build())
                .hasMessageContaining("'videoUri' cannot be set as an option");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://api.example.com       | must use https",
                "ftp://api.example.com        | must use https",
                "api.example.com              | must be an absolute URL",
                "https://u:p@api.example.com  | must not contain user information",
            })
    void rejectsUnsafeBaseUrl(String url, String expected) {
        assertThatThrownBy(() -> RunwaySettings.builder().baseUrl(url).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("base URL: ")
                .hasMessageContaining(expected);
    }

    @Test
    void acceptsHttpOnlyOnLoopbackAndStripsTrailingSlash() throws Exception {
        assertThat(RunwaySettings.builder()
                        .baseUrl("http://127.0.0.1:8080/")
                        .build()
                        .baseUrl())
                .hasToString("http://127.0.0.1:8080");
        assertThat(RunwaySettings.builder()
                        .baseUrl("http://localhost:9")
                        .build()
                        .baseUrl())
                .hasToString("http://localhost:9");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RunwaySettings s = RunwaySettings.defaults();
        assertThat(s.baseUrl()).hasToString("https://api.cometapi.com");
        assertThat(s.runwayVersion()).isEqualTo("2024-11-06");
        assertThat(s.model()).isEqualTo("upscale_v1");
        assertThat(s.waitTimeout()).hasMinutes(60);
        assertThat(s.taskNotExistGrace()).hasMinutes(3);
    }

    @Test
    void rejectsBlankOrWhitespaceKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> ApiKey.of("  ")).hasMessageStartingWith("API key: is missing");
        assertThatThrownBy(() -> ApiKey.of("sk-abc def"))
                .hasMessageStartingWith("API key: contains whitespace")
                .hasMessageNotContaining("sk-abc");
        assertThatThrownBy(() -> ApiKey.of("sk-abc\n")).hasMessageNotContaining("sk-abc");
    }

    @ParameterizedTest
    @CsvSource({"a/b", "..", "'a b'", "''"})
    void rejectsTaskIdsThatCouldChangeThePath(String id) {
        RunwayClient client = fixture.client(server.baseUrl());
        assertThatThrownBy(() -> client.readTask(id))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task id: ");
        assertNothingSent();
    }

    private void assertNothingSent() {
        assertThat(fixture.transport.calls).isEmpty();
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
