package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.RunwayTask;
import io.jenkins.plugins.runwayupscale.client.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release round trip on plain files: a workspace video in, the upscaled video out into the workspace and the
 * build's artifacts, model options. Every refusal ends the upscale before anything is sent.
 */
class ReleaseUpscaleTest {
    private final TestBuild build = new TestBuild();
    private final FakeGateway gateway = build.gateway;
    private final ManualExecutor worker = new ManualExecutor();
    private final UpscaleService service = build.service(worker);

    @TempDir
    Path tmp;

    private PlainWorkspace workspace;
    private HttpServer outputs;
    private final AtomicInteger outputRequests = new AtomicInteger();
    private volatile int outputStatus = 200;
    private final byte[] upscaled = video(700_000, 3);

    @BeforeEach
    void start() throws Exception {
        workspace = new PlainWorkspace(Files.createDirectories(tmp.resolve("workspace")));
        outputs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        outputs.createContext("/", exchange -> {
            outputRequests.incrementAndGet();
            byte[] body = outputStatus == 200 ? upscaled : "<Error>Request has expired</Error>".getBytes();
            exchange.sendResponseHeaders(outputStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        outputs.start();
        workspace.outputOrigin = "http://127.0.0.1:" + outputs.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        outputs.stop(0);
    }

    static byte[] video(int size, int seed) {
        byte[] bytes = new byte[size];
        byte[] box = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
        System.arraycopy(box, 0, bytes, 0, box.length);
        for (int i = box.length; i < size; i++) {
            bytes[i] = (byte) (i * seed);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private String outputUrl(String name) {
        return "http://127.0.0.1:" + outputs.getAddress().getPort() + "/out/" + name;
    }

    private RunwayTask succeeded(String id) {
        return new RunwayTask(
                id, TaskStatus.SUCCEEDED, "SUCCEEDED", 1.0, List.of(outputUrl(id + ".mp4")), null, null, null);
    }

    private static UpscaleRequest release(
            String videoFile, String download, boolean archiveVideo, Map<String, Object> options) {
        return new UpscaleRequest(
                null,
                TestBuild.CREDENTIAL_ID,
                null,
                null,
                null,
                true,
                videoFile,
                download,
                archiveVideo,
                options,
                null);
    }

    private Path file(String path, byte[] content) throws Exception {
        Path file = workspace.root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private Upscale start(UpscaleRequest request, BuildWorkspace where) throws AbortException {
        Upscale upscale = service.upscale(service.plan(request), UpscaleBuild.of(build.run, build.listener, where));
        upscale.submit((kept, submission) -> CompletableFuture.completedFuture(null));
        worker.runAll();
        return upscale;
    }

    private static String failure(Upscale upscale) {
        assertThat(upscale.result()).isCompletedExceptionally();
        try {
            upscale.result().get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(AbortException.class);
            return e.getCause().getMessage();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sendsTheWorkspaceVideoInlineAndRecordsItWithoutItsData() throws Exception {
        byte[] intro = video(300_000, 7);
        file("out/intro.mp4", intro);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("resolution", "4k");
        options.put("creativity", 30);

        Upscale upscale = start(release("out/intro.mp4", null, false, options), workspace);

        FakeGateway.Submit submit = gateway.lastSubmit();
        assertThat(submit.videoUri()).startsWith("data:video/mp4;base64,");
        assertThat(submit.videoUri())
                .isEqualTo("data:video/mp4;base64," + Base64.getEncoder().encodeToString(intro));
        Path copy = submit.file().file();
        assertThat(copy).as("the controller's copy, streamed by the submission").exists();
        assertThat(copy.startsWith(workspace.root)).isFalse();
        assertThat(submit.plan().settings().modelOptions())
                .containsExactly(Map.entry("resolution", "4k"), Map.entry("creativity", 30L));
        assertThat(build.consoleText())
                .contains("Reading out/intro.mp4 from the workspace.")
                .contains("Submitting out/intro.mp4 (video/mp4, 300000 bytes, SHA-256 " + sha256(intro) + ")");

        submit.answer().complete("task-1");
        assertThat(copy).as("deleted once the submission is over").doesNotExist();
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-1"));
        worker.runAll();

        assertThat(upscale.result()).isCompleted();
        JsonNode json = build.archivedJson("task-1");
        assertThat(json.get("videoUri").asText()).isEqualTo("data:video/mp4;base64,... (300000 bytes)");
        assertThat(json.get("videoFile").get("name").asText()).isEqualTo("out/intro.mp4");
        assertThat(json.get("videoFile").get("bytes").asLong()).isEqualTo(300_000);
        assertThat(json.get("videoFile").get("sha256").asText()).isEqualTo(sha256(intro));
        assertThat(json.get("options").get("resolution").asText()).isEqualTo("4k");
        assertThat(json.get("options").get("creativity").asLong()).isEqualTo(30);
        assertThat(build.archived.get("runway-upscale/task-1.json")).hasSizeLessThan(2000);
    }

    @Test
    void thePlanKeptForRestartsHoldsNoVideoData() throws Exception {
        file("out/intro.mp4", video(2_000_000, 5));
        UpscalePlan[] kept = new UpscalePlan[1];
        Upscale upscale = service.upscale(
                service.plan(release("out/intro.mp4", null, false, Map.of())),
                UpscaleBuild.of(build.run, build.listener, workspace));
        upscale.submit((plan, submission) -> {
            kept[0] = plan;
            return CompletableFuture.completedFuture(null);
        });
        worker.runAll();
        gateway.lastSubmit().answer().complete("task-2");
        worker.runAll();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(kept[0]);
        }
        assertThat(bytes.size()).isLessThan(4096);
        assertThat(kept[0].sentFile().bytes()).isEqualTo(2_000_000);
    }

    @Test
    void refusesBeforeSendingAnythingAFileOverTheModelsLimit() throws Exception {
        file("big.mp4", video(5 * 1024 * 1024 + 1, 3));
        UpscaleRequest request = new UpscaleRequest(
                null,
                TestBuild.CREDENTIAL_ID,
                "magnific_video_upscaler_creative",
                null,
                null,
                true,
                "big.mp4",
                null,
                false,
                Map.of(),
                null);

        Upscale upscale = start(request, workspace);

        assertThat(failure(upscale))
                .contains("'big.mp4' has 5242881 bytes (5 MB + 1 byte)")
                .contains("over the data-URI limit of model magnific_video_upscaler_creative of 5 MB");
        assertThat(gateway.submits).isEmpty();
    }

    @Test
    void aConfiguredDataUriLimitReplacesTheModels() throws Exception {
        file("clip.mp4", video(5 * 1024 * 1024 + 100, 3));
        Upscale raised = start(limited("magnific_video_upscaler_creative", 6), workspace);
        assertThat(gateway.submits).hasSize(1);
        assertThat(raised.result()).isNotDone();

        Upscale lowered = start(limited(null, 1), workspace);
        assertThat(failure(lowered))
                .contains("'clip.mp4' has 5242980 bytes (5 MB), over the configured data-URI limit of 1 MB");
        assertThat(gateway.submits).hasSize(1);
        assertThatThrownBy(() -> service.plan(limited(null, 0)))
                .hasMessage("The data-URI limit must be at least 1 MB, not 0.");
    }

    private static UpscaleRequest limited(String model, int megabytes) {
        return new UpscaleRequest(
                null, TestBuild.CREDENTIAL_ID, model, null, null, true, "clip.mp4", null, false, Map.of(), megabytes);
    }

    @Test
    void refusesBeforeSendingAnythingWhatIsNotAVideoOrIsMissing() throws Exception {
        file("intro.mp4", "ffmpeg: conversion failed\n".getBytes());

        assertThat(failure(start(release("intro.mp4", null, false, Map.of()), workspace)))
                .contains("'intro.mp4' is not a video (it looks like text)");
        assertThat(failure(start(release("outro.mp4", null, false, Map.of()), workspace)))
                .contains("videoFile: 'outro.mp4' does not exist in the workspace");
        assertThat(gateway.submits).isEmpty();
    }

    @Test
    void refusesBeforeSendingAnythingALinkOutOfTheWorkspace() throws Exception {
        Path secret = Files.write(tmp.resolve("elsewhere.mp4"), video(1000, 3));
        Files.createSymbolicLink(workspace.root.resolve("intro.mp4"), secret);

        assertThat(failure(start(release("intro.mp4", null, false, Map.of()), workspace)))
                .contains("symbolic link that leads outside the workspace");
        assertThat(gateway.submits).isEmpty();
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefusedWhenTheStepStarts() {
        assertThatThrownBy(() -> service.plan(release("../intro.mp4", null, false, Map.of())))
                .isInstanceOf(AbortException.class)
                .hasMessage("videoFile: '../intro.mp4' leads outside the workspace; give a path inside it");
        assertThatThrownBy(() -> service.plan(release("intro.mp4", "/var/www/intro-4k.mp4", false, Map.of())))
                .hasMessageContaining("download: '/var/www/intro-4k.mp4' is not a path relative to the workspace");
    }

    @Test
    void theRequestIsCheckedWhenTheStepStarts() {
        assertThatThrownBy(() -> service.plan(new UpscaleRequest(
                        "https://cdn.example.com/a.mp4",
                        TestBuild.CREDENTIAL_ID,
                        null,
                        null,
                        null,
                        true,
                        "a.mp4",
                        null,
                        false,
                        Map.of(),
                        null)))
                .hasMessage("Cannot upscale: give either videoUri or videoFile, not both.");
        assertThatThrownBy(() -> service.plan(release(null, null, false, Map.of())))
                .hasMessageContaining("give the video, either as videoUri");
        assertThatThrownBy(() -> service.plan(release("a.mp4", null, true, Map.of())))
                .hasMessageContaining("archiveVideo archives the downloaded video; set download");
        assertThatThrownBy(() -> service.plan(release("a.mp4", null, false, Map.of("fps-boost", true))))
                .hasMessageContaining("option name 'fps-boost' may contain only letters, digits and underscores");
        assertThatThrownBy(() -> service.plan(release("a.mp4", null, false, Map.of("sizes", List.of(1)))))
                .hasMessageContaining("option 'sizes' has a list; use a string, a number or a boolean");
        assertThat(gateway.submits).isEmpty();
    }

    @Test
    void withoutAWorkspaceSaysThatNodeIsNeededAndSendsNothing() throws Exception {
        assertThat(failure(start(release("out/intro.mp4", null, false, Map.of()), null)))
                .startsWith("videoFile reads or writes the workspace, and this step has none: run runwayUpscale"
                        + " inside node { ... }");
        UpscaleRequest downloadOnly = new UpscaleRequest(
                "https://cdn.example.com/a.mp4",
                TestBuild.CREDENTIAL_ID,
                null,
                null,
                null,
                true,
                null,
                "out/a-4k.mp4",
                false,
                Map.of(),
                null);
        assertThat(failure(start(downloadOnly, null))).startsWith("download reads or writes the workspace");
        assertThat(gateway.submits).isEmpty();
    }

    @Test
    void aVideoUriNeedsNoWorkspace() throws Exception {
        Upscale upscale = start(
                new UpscaleRequest("https://cdn.example.com/a.mp4", TestBuild.CREDENTIAL_ID, null, null, null, true),
                null);
        gateway.lastSubmit().answer().complete("task-3");
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-3"));
        worker.runAll();

        assertThat(upscale.result().get().download()).isNull();
        assertThat(outputRequests).hasValue(0);
    }

    @Test
    void downloadsTheOutputIntoTheWorkspaceAndArchivesIt() throws Exception {
        file("out/intro.mp4", video(1000, 7));

        Upscale upscale = start(release("out/intro.mp4", "out/intro-4k.mp4", true, Map.of()), workspace);
        gateway.lastSubmit().answer().complete("task-4");
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-4"));
        worker.runAll();

        UpscaleOutcome outcome = upscale.result().get();
        assertThat(Files.readAllBytes(workspace.root.resolve("out/intro-4k.mp4")))
                .isEqualTo(upscaled);
        assertThat(outcome.download().bytes()).isEqualTo(upscaled.length);
        assertThat(outcome.download().sha256()).isEqualTo(sha256(upscaled));
        assertThat(outcome.artifacts())
                .containsExactly(
                        "runway-upscale/task-4.url",
                        "runway-upscale/task-4.json",
                        "runway-upscale/task-4/intro-4k.mp4");
        assertThat(workspace.archived.get("runway-upscale/task-4/intro-4k.mp4")).isEqualTo(upscaled);
        JsonNode json = build.archivedJson("task-4");
        assertThat(json.get("download").get("file").asText()).isEqualTo("out/intro-4k.mp4");
        assertThat(json.get("download").get("bytes").asLong()).isEqualTo(upscaled.length);
        assertThat(json.get("download").get("sha256").asText()).isEqualTo(sha256(upscaled));
        assertThat(build.consoleText())
                .contains("Saving the output of Runway task task-4 as out/intro-4k.mp4 (streamed by the agent).")
                .contains("Saved out/intro-4k.mp4: " + upscaled.length + " bytes, SHA-256 " + sha256(upscaled));
    }

    @Test
    void anExpiredOutputUrlFailsSayingSoAndKeepsTheUrlFile() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        outputStatus = 403;

        Upscale upscale = start(release("out/intro.mp4", "out/intro-4k.mp4", true, Map.of()), workspace);
        gateway.lastSubmit().answer().complete("task-5");
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-5"));
        worker.runAll();

        assertThat(failure(upscale))
                .contains("Could not save the output of Runway task task-5 as out/intro-4k.mp4")
                .contains("the output URL has expired");
        assertThat(workspace.root.resolve("out/intro-4k.mp4")).doesNotExist();
        assertThat(build.archived).containsKeys("runway-upscale/task-5.url", "runway-upscale/task-5.json");
        assertThat(workspace.archived).isEmpty();
    }

    @Test
    void parallelUpscalesOfOneBuildNeverCollide() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        file("out/outro.mp4", video(2000, 11));

        Upscale intro = start(release("out/intro.mp4", "out/intro-4k.mp4", true, Map.of()), workspace);
        Upscale outro = start(release("out/outro.mp4", "out/outro-4k.mp4", true, Map.of()), workspace);
        gateway.submits.get(0).answer().complete("task-6");
        gateway.submits.get(1).answer().complete("task-7");
        worker.runAll();
        gateway.waits.get(1).answer().complete(succeeded("task-7"));
        gateway.waits.get(0).answer().complete(succeeded("task-6"));
        worker.runAll();

        assertThat(intro.result().get().artifacts()).contains("runway-upscale/task-6/intro-4k.mp4");
        assertThat(outro.result().get().artifacts()).contains("runway-upscale/task-7/outro-4k.mp4");
        assertThat(workspace.archived)
                .containsOnlyKeys("runway-upscale/task-6/intro-4k.mp4", "runway-upscale/task-7/outro-4k.mp4");
        assertThat(build.archivedJson("task-6").get("videoFile").get("name").asText())
                .isEqualTo("out/intro.mp4");
        assertThat(build.archivedJson("task-7").get("videoFile").get("name").asText())
                .isEqualTo("out/outro.mp4");
        assertThat(gateway.submits.get(0).videoUri())
                .isNotEqualTo(gateway.submits.get(1).videoUri());
    }

    /** A build whose workspace is asked for anew each time: the answers are given in order, the last one repeats. */
    private static final class ChangingBuild implements UpscaleBuild {
        private final TestBuild build;
        private final List<Object> answers;
        final AtomicInteger asked = new AtomicInteger();

        ChangingBuild(TestBuild build, Object... answers) {
            this.build = build;
            this.answers = List.of(answers);
        }

        @Override
        public Run<?, ?> run() {
            return build.run;
        }

        @Override
        public TaskListener listener() {
            return build.listener;
        }

        @Override
        public BuildWorkspace workspace() throws IOException {
            Object answer = answers.get(Math.min(asked.getAndIncrement(), answers.size() - 1));
            if (answer instanceof IOException e) {
                throw e;
            }
            return (BuildWorkspace) answer;
        }
    }

    private Upscale startIn(UpscaleRequest request, UpscaleBuild where) throws AbortException {
        Upscale upscale = service.upscale(service.plan(request), where);
        upscale.submit((kept, submission) -> CompletableFuture.completedFuture(null));
        worker.runAll();
        return upscale;
    }

    @Test
    void theDownloadGoesToTheWorkspaceTheBuildHasWhenItIsDueNotTheOneItHadAtTheStart() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        PlainWorkspace reconnected = new PlainWorkspace(Files.createDirectories(tmp.resolve("reconnected")));
        reconnected.outputOrigin = workspace.outputOrigin;
        ChangingBuild where = new ChangingBuild(build, workspace, reconnected);

        Upscale upscale = startIn(release("out/intro.mp4", "out/intro-4k.mp4", true, Map.of()), where);
        gateway.lastSubmit().answer().complete("task-8");
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-8"));
        worker.runAll();

        assertThat(upscale.result().get().download().bytes()).isEqualTo(upscaled.length);
        assertThat(where.asked).hasValue(2);
        assertThat(reconnected.root.resolve("out/intro-4k.mp4")).hasBinaryContent(upscaled);
        assertThat(reconnected.archived).containsOnlyKeys("runway-upscale/task-8/intro-4k.mp4");
        assertThat(workspace.root.resolve("out/intro-4k.mp4")).doesNotExist();
    }

    @Test
    void anAgentOfflineWhenTheDownloadIsDueFailsSayingSoAndKeepsTheUrl() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        ChangingBuild where =
                new ChangingBuild(build, workspace, new IOException("Unable to create live FilePath for agent-1"));

        Upscale upscale = startIn(release("out/intro.mp4", "out/intro-4k.mp4", true, Map.of()), where);
        gateway.lastSubmit().answer().complete("task-9");
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-9"));
        worker.runAll();

        assertThat(failure(upscale))
                .isEqualTo("Runway task task-9 SUCCEEDED, but its output could not be saved as out/intro-4k.mp4: the"
                        + " agent that holds the workspace cannot be reached (Unable to create live FilePath for"
                        + " agent-1). The output URL is recorded with the build (runway-upscale/task-9.url and the"
                        + " build page); it stays valid for 24-48 hours.");
        assertThat(build.archived.get("runway-upscale/task-9.url")).contains(outputUrl("task-9.mp4"));
        assertThat(outputRequests).hasValue(0);
    }

    @Test
    void aResumedUpscaleOfAWorkspaceVideoDoesNotNeedTheWorkspace() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        UpscalePlan kept = service.plan(release("out/intro.mp4", null, false, Map.of()));
        ChangingBuild offline = new ChangingBuild(build, new IOException("Unable to create live FilePath for agent-1"));

        Upscale resumed = service.upscale(kept, offline);
        resumed.resume(new Submission("task-10", FakeGateway.NOW));
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-10"));
        worker.runAll();

        assertThat(resumed.result().get().outputs()).containsExactly(outputUrl("task-10.mp4"));
        assertThat(offline.asked).hasValue(0);
        assertThat(gateway.submits).isEmpty();
    }

    @Test
    void aShutdownThatCutsTheDownloadLeavesTheStepToResume() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        BuildWorkspace cut = new PlainWorkspace(workspace.root) {
            @Override
            public DownloadedVideo download(String taskId, String url, String path, DownloadLimits limits)
                    throws IOException {
                build.shuttingDown = true;
                throw new IOException("Channel \"hudson.remoting.Channel@1:agent-1\": Remote call failed");
            }
        };

        Upscale upscale = start(release("out/intro.mp4", "out/intro-4k.mp4", true, Map.of()), cut);
        gateway.lastSubmit().answer().complete("task-11");
        worker.runAll();
        gateway.lastWait().answer().complete(succeeded("task-11"));
        worker.runAll();

        assertThat(upscale.result()).isNotDone();
    }

    /** A download stuck on a slow host holds an agent-call thread, never the workers every upscale needs. */
    @Test
    void abortingTheBuildInterruptsTheDownloadAndNothingIsRecordedAfter() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        CountDownLatch downloading = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        BuildWorkspace stuck = new PlainWorkspace(workspace.root) {
            @Override
            public DownloadedVideo download(String taskId, String url, String path, DownloadLimits limits)
                    throws InterruptedException {
                downloading.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
                throw new AssertionError("never released");
            }
        };
        ExecutorService agentCalls = Executors.newSingleThreadExecutor();
        try {
            UpscaleService separate = build.service(worker, agentCalls);
            Upscale upscale = separate.upscale(
                    separate.plan(release("out/intro.mp4", "out/intro-4k.mp4", true, Map.of())),
                    UpscaleBuild.of(build.run, build.listener, stuck));
            upscale.submit((kept, submission) -> CompletableFuture.completedFuture(null));
            await().until(() -> {
                worker.runAll();
                return !gateway.submits.isEmpty();
            });
            gateway.lastSubmit().answer().complete("task-12");
            worker.runAll();
            gateway.lastWait().answer().complete(succeeded("task-12"));
            worker.runAll();
            assertThat(downloading.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.pending()).as("nothing waits on the worker").isZero();

            upscale.stop(new InterruptedException("aborted"));

            await().untilTrue(interrupted);
            await().until(() -> {
                worker.runAll();
                return worker.pending() == 0;
            });
            assertThat(upscale.result()).isCompletedExceptionally();
            assertThat(build.archived).doesNotContainKey("runway-upscale/task-12.url");
            assertThat(workspace.root.resolve("out/intro-4k.mp4")).doesNotExist();
        } finally {
            agentCalls.shutdownNow();
        }
    }

    @Test
    void aDownloadTargetThroughALinkOutOfTheWorkspaceIsRefusedBeforeAnythingIsSent() throws Exception {
        file("out/intro.mp4", video(1000, 7));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(workspace.root.resolve("release"), outside);

        Upscale upscale = start(release("out/intro.mp4", "release/intro-4k.mp4", false, Map.of()), workspace);

        assertThat(failure(upscale)).contains("symbolic link that leads outside the workspace");
        assertThat(gateway.submits).isEmpty();
    }

    @Test
    void aDownloadPathNamingAFolderIsRefusedWhenTheStepStarts() {
        assertThatThrownBy(() -> service.plan(release("out/intro.mp4", "out/intro/..", false, Map.of())))
                .hasMessageContaining("has a '.' or '..' segment");
        assertThat(gateway.submits).isEmpty();
    }
}
