package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import io.jenkins.plugins.runwayupscale.upscale.FieldCheck.Kind;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;

class FieldChecksTest {
    private static final Map<String, IdCredentials> CREDENTIALS = Map.of(
            "comet", TestBuild.secretText("sk-comet"),
            "ssh", TestBuild.otherCredential("SSH Username with private key"));
    private static final Function<String, IdCredentials> STORE = CREDENTIALS::get;

    @Test
    void videoUriIsRequiredAndMustBeHttpsOrAVideoDataUri() {
        assertThat(FieldChecks.videoUri("")).extracting(FieldCheck::kind).isEqualTo(Kind.ERROR);
        assertThat(FieldChecks.videoUri("https://cdn.example.com/final.mp4")).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.videoUri("data:video/mp4;base64,AAAA"))
                .extracting(FieldCheck::kind)
                .isEqualTo(Kind.OK);
        assertThat(FieldChecks.videoUri("http://cdn.example.com/final.mp4"))
                .satisfies(c -> assertThat(c.kind()).isEqualTo(Kind.ERROR))
                .extracting(FieldCheck::message)
                .asString()
                .contains("only https://");
        assertThat(FieldChecks.videoUri("https://10.0.0.7/final.mp4").message()).contains("host name");
    }

    @Test
    void videoUriOnThisMachineInAnySpellingIsAnError() {
        for (String uri : List.of(
                "https://2130706433/a.mp4",
                "https://0x7f000001/a.mp4",
                "https://0177.0.0.1/a.mp4",
                "https://[::ffff:127.0.0.1]/a.mp4",
                "https://localhost./a.mp4")) {
            assertThat(FieldChecks.videoUri(uri).kind()).as(uri).isEqualTo(Kind.ERROR);
        }
    }

    @Test
    void exactlyOneOfVideoUriAndVideoFile() {
        assertThat(FieldChecks.videoUri("", "out/intro.mp4")).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.videoUri("https://cdn.example.com/final.mp4", "out/intro.mp4"))
                .isEqualTo(new FieldCheck(Kind.ERROR, "Cannot upscale: give either videoUri or videoFile, not both."));
        assertThat(FieldChecks.videoUri(" ", " ").message()).startsWith("Required unless a video file");
    }

    @Test
    void workspacePathsStayInsideTheWorkspace() {
        assertThat(FieldChecks.workspacePath("", "download")).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.workspacePath("out/intro-4k.mp4", "download")).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.workspacePath("../intro.mp4", "videoFile"))
                .isEqualTo(new FieldCheck(
                        Kind.ERROR, "videoFile: '../intro.mp4' leads outside the workspace; give a path inside it"));
        assertThat(FieldChecks.workspacePath("/tmp/intro.mp4", "videoFile").kind())
                .isEqualTo(Kind.ERROR);
        assertThat(FieldChecks.workspacePath("$OUT/intro.mp4", "videoFile"))
                .isEqualTo(new FieldCheck(Kind.OK, "Resolved when the build runs."));
    }

    @Test
    void optionLinesAreKeyValuePairsOfSimpleValues() {
        assertThat(FieldChecks.optionLines("resolution=4k\ncreativity=30\n# comment\n"))
                .isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.optionLines(null)).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.optionLines("resolution 4k"))
                .isEqualTo(new FieldCheck(Kind.ERROR, "options: 'resolution 4k' is not of the form key=value"));
        assertThat(FieldChecks.optionLines("fps-boost=true").message())
                .contains("may contain only letters, digits and underscores");
    }

    @Test
    void videoUriWithAVariableIsLeftForBuildTime() {
        assertThat(FieldChecks.videoUri("$CDN/final.mp4"))
                .isEqualTo(new FieldCheck(Kind.OK, "Resolved when the build runs."));
    }

    @Test
    void credentialMustBeASecretTextThatExists() {
        assertThat(FieldChecks.credentialsId("comet", null, STORE)).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.credentialsId("gone", null, STORE))
                .satisfies(c -> assertThat(c.kind()).isEqualTo(Kind.ERROR))
                .extracting(FieldCheck::message)
                .asString()
                .contains("'gone'", "Secret text");
        assertThat(FieldChecks.credentialsId("ssh", null, STORE).message())
                .isEqualTo("Credential 'ssh' is a SSH Username with private key credential, but the CometAPI key must"
                        + " be in a Secret text credential (StringCredentials).");
    }

    @Test
    void anEmptyCredentialNeedsAGlobalDefault() {
        assertThat(FieldChecks.credentialsId("", "comet", STORE))
                .isEqualTo(
                        new FieldCheck(Kind.OK, "Uses the default credential 'comet' from the global configuration."));
        assertThat(FieldChecks.credentialsId(null, null, STORE).kind()).isEqualTo(Kind.ERROR);
        assertThat(FieldChecks.credentialsId("${KEY_ID}", null, STORE).kind()).isEqualTo(Kind.OK);
    }

    @Test
    void theDefaultCredentialMustBeOneBuildsCanUse() {
        StringCredentials system = TestBuild.secretText("sk-system");
        when(system.getScope()).thenReturn(CredentialsScope.SYSTEM);
        Map<String, IdCredentials> root = Map.of("system-key", system, "comet", CREDENTIALS.get("comet"));

        assertThat(FieldChecks.defaultCredentialsId("system-key", root::get))
                .isEqualTo(new FieldCheck(
                        Kind.ERROR,
                        "Credential 'system-key' has System scope, which only Jenkins itself may use: builds cannot."
                                + " Give it Global scope to make it the default."));
        assertThat(FieldChecks.defaultCredentialsId("comet", root::get)).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.defaultCredentialsId(" ", root::get)).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.defaultCredentialsId("gone", root::get).kind()).isEqualTo(Kind.ERROR);
    }

    @Test
    void timeoutIsAWholePositiveNumberOrEmpty() {
        assertThat(FieldChecks.timeoutMinutes("").kind()).isEqualTo(Kind.OK);
        assertThat(FieldChecks.timeoutMinutes("30")).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.timeoutMinutes("0").message())
                .isEqualTo("The timeout must be at least 1 minute, not 0.");
        assertThat(FieldChecks.timeoutMinutes("half an hour").message())
                .isEqualTo("'half an hour' is not a whole number of minutes.");
    }

    @Test
    void modelVersionAndBaseUrlFollowTheClientsRules() {
        assertThat(FieldChecks.model("")).isEqualTo(new FieldCheck(Kind.OK, null));
        assertThat(FieldChecks.model("magnific_video_upscaler_creative").kind()).isEqualTo(Kind.OK);
        assertThat(FieldChecks.model("upscale v1").kind()).isEqualTo(Kind.ERROR);
        assertThat(FieldChecks.runwayVersion("2024-11-06").kind()).isEqualTo(Kind.OK);
        assertThat(FieldChecks.runwayVersion("latest").message()).contains("YYYY-MM-DD");
        assertThat(FieldChecks.baseUrl("").kind()).isEqualTo(Kind.OK);
        assertThat(FieldChecks.baseUrl("http://127.0.0.1:8080").kind()).isEqualTo(Kind.OK);
        assertThat(FieldChecks.baseUrl("http://api.cometapi.com").message()).contains("https");
    }
}
