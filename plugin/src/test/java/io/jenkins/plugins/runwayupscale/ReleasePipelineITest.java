package io.jenkins.plugins.runwayupscale;

import static io.jenkins.plugins.runwayupscale.CometITestSupport.CREDENTIAL_ID;
import static io.jenkins.plugins.runwayupscale.CometITestSupport.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.FilePath;
import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.runwayupscale.simulator.OutputContent;
import io.jenkins.plugins.runwayupscale.simulator.RecordedRequest;
import io.jenkins.plugins.runwayupscale.simulator.RunwaySimulator;
import io.jenkins.plugins.runwayupscale.upscale.RunwayUpscaleAction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The release round trip in Jenkins: a workspace video in, the upscaled video out into the workspace and the
 * artifacts. The two Pipelines of the README's "Release pipeline" section are run exactly as written there.
 */
@WithJenkins
class ReleasePipelineITest {
    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final CometITestSupport.Simulators simulators = new CometITestSupport.Simulators();

    /** Stands for a renderer: writes a small MP4 (a file type box and some frames' worth of bytes) per argument. */
    private static final String RENDER_SH = "#!/bin/sh\nset -e\nfor f in \"$@\"; do\n  mkdir -p \"$(dirname \"$f\")\"\n"
            + "  printf '\\000\\000\\000\\030ftypmp42\\000\\000\\000\\000' > \"$f\"\n"
            + "  head -c 200000 /dev/zero >> \"$f\"\n"
            // Each file its own content (its 13-character name at the end): distinct videos, distinct tasks.
            + "  printf '%s' \"$f\" >> \"$f\"\ndone\n";
    /** What render.sh writes for out/intro.mp4 or out/outro.mp4. */
    private static final long RENDERED_BYTES = 16 + 200_000 + "out/intro.mp4".length();
    /** Stands for an upload: copies the files into published/. */
    private static final String PUBLISH_SH = "#!/bin/sh\nset -e\nmkdir -p published\ncp \"$@\" published/\n";

    /** The fenced block that follows {@code <!-- release-pipeline:<name> ...-->} in the README. */
    static String readmePipeline(String name) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(
                        "<!-- release-pipeline:" + name + "[^>]*-->\\s*```groovy\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as("README has the %s release pipeline", name).isTrue();
        return m.group(1);
    }

    private static void scripts(JenkinsRule j, WorkflowJob p) throws Exception {
        scripts(j.jenkins.getWorkspaceFor(p));
    }

    private static void scripts(FilePath ws) throws Exception {
        ws.child("render.sh").write(RENDER_SH, "UTF-8");
        ws.child("render.sh").chmod(0755);
        ws.child("publish.sh").write(PUBLISH_SH, "UTF-8");
        ws.child("publish.sh").chmod(0755);
    }

    /** A job running the README's pipeline {@code name} against the simulator, with the scripts it calls. */
    private static WorkflowJob readmeJob(JenkinsRule j, RunwaySimulator simulator, String name) throws Exception {
        assumeFalse(Functions.isWindows(), "the README's example uses sh");
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(j, readmePipeline(name));
        scripts(j, p);
        return p;
    }

    private static byte[] artifactBytes(Run<?, ?> build, String path) throws IOException {
        try (InputStream in = build.getArtifactManager().root().child(path).open()) {
            return in.readAllBytes();
        }
    }

    private static List<RunwayUpscaleAction> upscales(Run<?, ?> build) {
        return build.getActions(RunwayUpscaleAction.class);
    }

    @Test
    void theReadmesReleasePipelineRendersUpscalesInParallelAndPublishes(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        WorkflowJob p = readmeJob(j, simulator, "scripted");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        assertThat(simulator.postCount()).isEqualTo(2);
        assertThat(simulator.requests().stream()
                        .filter(r -> r.method().equals("POST"))
                        .map(RecordedRequest::videoUri))
                .allMatch(uri -> uri.startsWith("data:video/mp4;base64,"));
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        byte[] output = OutputContent.bytes(64 * 1024);
        for (String name : List.of("intro-4k.mp4", "outro-4k.mp4")) {
            assertThat(ws.child("out/" + name).length()).isEqualTo(output.length);
            assertThat(ws.child("published/" + name).exists()).isTrue();
        }
        assertThat(upscales(b)).hasSize(2);
        for (RunwayUpscaleAction upscale : upscales(b)) {
            String taskId = upscale.getTaskId();
            String file = upscale.getVideoFile().equals("out/intro.mp4") ? "intro-4k.mp4" : "outro-4k.mp4";
            assertThat(artifactBytes(b, "runway-upscale/" + taskId + "/" + file))
                    .isEqualTo(output);
            String text = CometITestSupport.artifact(b, "runway-upscale/" + taskId + ".json");
            JsonNode json = JSON.readTree(text);
            assertThat(json.get("videoFile").get("bytes").asLong()).isEqualTo(RENDERED_BYTES);
            assertThat(json.get("videoFile").get("sha256").asText()).hasSize(64);
            assertThat(json.get("download").get("file").asText()).isEqualTo("out/" + file);
            assertThat(json.get("download").get("sha256").asText()).isEqualTo(OutputContent.sha256(output.length));
            assertThat(text).doesNotContain("AAAAGGZ0eXBtcDQy");
            j.assertLogContains(
                    "Saved out/" + file + ": " + output.length + " bytes, SHA-256 "
                            + OutputContent.sha256(output.length),
                    b);
        }
        CometITestSupport.assertKeyNowhere(b);
    }

    /**
     * On a real agent (another JVM, a remoting channel) every value the plugin sends or receives passes core's class
     * filter (JEP-200): the callables, the copied video's description, the saved video's, and the files themselves.
     * On the built-in node nothing is serialized, which is why only an agent shows it.
     */
    @Test
    void videoFileDownloadAndArchiveVideoWorkOnARealAgent(JenkinsRule j) throws Exception {
        assumeFalse(Functions.isWindows(), "the pipeline uses sh");
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        DumbSlave agent = j.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = CometITestSupport.pipeline(
                j,
                "node('remote') {\n"
                        + "  sh './render.sh out/intro.mp4'\n"
                        + "  def url = runwayUpscale videoFile: 'out/intro.mp4', download: 'out/intro-4k.mp4',"
                        + " archiveVideo: true, credentialsId: '" + CREDENTIAL_ID + "'\n"
                        + "  echo \"URL=${url}\"\n"
                        + "}\n");
        scripts(agent.getWorkspaceFor(p));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("Running on " + agent.getNodeName(), b);
        assertThat(simulator.postCount()).isEqualTo(1);
        byte[] output = OutputContent.bytes(64 * 1024);
        assertThat(agent.getWorkspaceFor(p).child("out/intro-4k.mp4").length()).isEqualTo(output.length);
        String taskId = CometITestSupport.taskIdOf(b);
        assertThat(artifactBytes(b, "runway-upscale/" + taskId + "/intro-4k.mp4"))
                .isEqualTo(output);
        JsonNode json = JSON.readTree(CometITestSupport.artifact(b, "runway-upscale/" + taskId + ".json"));
        assertThat(json.get("videoFile").get("bytes").asLong()).isEqualTo(RENDERED_BYTES);
        assertThat(json.get("download").get("sha256").asText()).isEqualTo(OutputContent.sha256(output.length));
        j.assertLogContains("URL=" + json.get("outputs").get(0).asText(), b);
        CometITestSupport.assertKeyNowhere(b);
    }

    /**
     * Re-running a release pays nothing again: the second build takes each video's earlier task (read again for a
     * fresh URL), and ends with the same files, artifacts and log lines as the first.
     */
    @Test
    void reRunningTheReadmesReleasePipelineSubmitsEachVideoOnce(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        WorkflowJob p = readmeJob(j, simulator, "scripted");

        WorkflowRun first = j.buildAndAssertSuccess(p);
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.child("out/intro-4k.mp4").delete();
        WorkflowRun second = j.buildAndAssertSuccess(p);

        assertThat(simulator.postCount())
                .as("one POST per distinct video, over both builds")
                .isEqualTo(2);
        j.assertLogContains("Reused task", second);
        j.assertLogContains("nothing submitted", second);
        byte[] output = OutputContent.bytes(64 * 1024);
        assertThat(ws.child("out/intro-4k.mp4").length()).isEqualTo(output.length);
        for (RunwayUpscaleAction upscale : upscales(second)) {
            String taskId = upscale.getTaskId();
            String file = upscale.getVideoFile().equals("out/intro.mp4") ? "intro-4k.mp4" : "outro-4k.mp4";
            assertThat(artifactBytes(second, "runway-upscale/" + taskId + "/" + file))
                    .isEqualTo(output);
            JsonNode json = JSON.readTree(CometITestSupport.artifact(second, "runway-upscale/" + taskId + ".json"));
            assertThat(json.get("reusedFrom").get("build").asText()).isEqualTo("#" + first.getNumber());
            assertThat(json.get("reusedFrom").get("taskId").asText()).isEqualTo(taskId);
        }
        assertThat(upscales(second).stream().map(RunwayUpscaleAction::getTaskId))
                .containsExactlyInAnyOrderElementsOf(upscales(first).stream()
                        .map(RunwayUpscaleAction::getTaskId)
                        .toList());
    }

    @Test
    void theReadmesDeclarativePipelinePassesTheModelOptions(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        WorkflowJob p = readmeJob(j, simulator, "declarative");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String taskId = CometITestSupport.taskIdOf(b);
        JsonNode json = JSON.readTree(CometITestSupport.artifact(b, "runway-upscale/" + taskId + ".json"));
        assertThat(json.get("model").asText()).isEqualTo("magnific_video_upscaler_creative");
        assertThat(json.get("options").get("resolution").asText()).isEqualTo("4k");
        assertThat(json.get("options").get("creativity").asLong()).isEqualTo(30);
        assertThat(j.jenkins.getWorkspaceFor(p).child("published/intro-4k.mp4").exists())
                .isTrue();
        assertThat(artifactBytes(b, "runway-upscale/" + taskId + "/intro-4k.mp4"))
                .isEqualTo(OutputContent.bytes(64 * 1024));
    }

    @Test
    void videoFileOutsideNodeSaysNodeIsNeededAndSendsNothing(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(j, "runwayUpscale videoFile: 'out/intro.mp4'");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains(
                "videoFile reads or writes the workspace, and this step has none: run runwayUpscale"
                        + " inside node { ... }",
                b);
        assertThat(simulator.postCount()).isZero();
    }

    @Test
    void downloadOutsideNodeSaysNodeIsNeededAndSendsNothing(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p =
                CometITestSupport.pipeline(j, "runwayUpscale videoUri: '" + VIDEO + "', download: 'final-4k.mp4'");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("download reads or writes the workspace", b);
        assertThat(simulator.postCount()).isZero();
    }

    @Test
    void insideNodeAVideoUriIsDownloadedIntoTheWorkspace(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(
                j, "node { runwayUpscale videoUri: '" + VIDEO + "', download: 'release/final-4k.mp4' }");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        FilePath saved = j.jenkins.getWorkspaceFor(p).child("release/final-4k.mp4");
        assertThat(saved.length()).isEqualTo(64 * 1024);
        assertThat(b.getArtifactManager().root().child("runway-upscale").list())
                .hasSize(2); // .url and .json only: archiveVideo is off
    }

    @Test
    void aVideoOverTheModelsLimitIsRefusedBeforeAnythingIsSent(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        WorkflowJob p = CometITestSupport.pipeline(
                j, "node { runwayUpscale videoFile: 'big.mp4', model: 'magnific_video_upscaler_creative' }");
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'}, 0, big, 0, 12);
        j.jenkins.getWorkspaceFor(p).child("big.mp4").copyFrom(new ByteArrayInputStream(big));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("'big.mp4' has 5242881 bytes (5 MB + 1 byte)", b);
        j.assertLogContains("over the data-URI limit of model magnific_video_upscaler_creative of 5 MB", b);
        assertThat(simulator.postCount()).isZero();
    }

    @Test
    void freestyleSendsAWorkspaceVideoAndArchivesTheSavedOne(JenkinsRule j) throws Exception {
        RunwaySimulator simulator = simulators.start(CometITestSupport.QUICK);
        CometITestSupport.useSimulator(simulator);
        FreeStyleProject p = j.createFreeStyleProject();
        byte[] intro = new byte[100_000];
        System.arraycopy(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'}, 0, intro, 0, 12);
        j.jenkins.getWorkspaceFor(p).child("out/intro.mp4").copyFrom(new ByteArrayInputStream(intro));
        RunwayUpscaleBuilder upscale = new RunwayUpscaleBuilder();
        upscale.setVideoFile("out/intro.mp4");
        upscale.setDownload("out/intro-4k.mp4");
        upscale.setArchiveVideo(true);
        upscale.setModel("magnific_video_upscaler_creative");
        upscale.setOptions("resolution=4k\nfpsBoost=true");
        p.getBuildersList().add(upscale);

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        String taskId = CometITestSupport.taskIdOf(b);
        assertThat(j.jenkins.getWorkspaceFor(p).child("out/intro-4k.mp4").length())
                .isEqualTo(64 * 1024);
        assertThat(artifactBytes(b, "runway-upscale/" + taskId + "/intro-4k.mp4"))
                .isEqualTo(OutputContent.bytes(64 * 1024));
        JsonNode json = JSON.readTree(CometITestSupport.artifact(b, "runway-upscale/" + taskId + ".json"));
        assertThat(json.get("options").get("resolution").asText()).isEqualTo("4k");
        assertThat(json.get("options").get("fpsBoost").asBoolean()).isTrue();
        assertThat(json.get("videoFile").get("name").asText()).isEqualTo("out/intro.mp4");
        assertThat(json.get("videoFile").get("bytes").asLong()).isEqualTo(100_000);
        CometITestSupport.assertKeyNowhere(b);
    }

    @Test
    void freestyleConfigRoundTripKeepsTheReleaseFields(JenkinsRule j) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        RunwayUpscaleBuilder before = new RunwayUpscaleBuilder();
        before.setVideoFile("out/intro.mp4");
        before.setDownload("out/intro-4k.mp4");
        before.setArchiveVideo(true);
        before.setCredentialsId(CREDENTIAL_ID);
        before.setOptions("resolution=4k\ncreativity=30");
        p.getBuildersList().add(before);

        p = j.configRoundtrip(p);

        j.assertEqualDataBoundBeans(before, p.getBuildersList().get(RunwayUpscaleBuilder.class));
    }
}
