package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.FileFetch;
import io.jenkins.plugins.runwayupscale.client.HttpAnswer;
import io.jenkins.plugins.runwayupscale.client.HttpCall;
import io.jenkins.plugins.runwayupscale.client.HttpTransport;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.VirtualScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upscale through the real engine (on virtual time, over a scripted transport) against a server that lies:
 * what reaches the console, the build page, the archived files and the task id handed to later steps.
 */
class HostileServerUpscaleTest {
    private static final String VIDEO = "https://cdn.example.com/final.mp4";
    private static final String OUTPUT = "https://cdn.example.com/out/final-4x.mp4";

    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScriptedServer server = new ScriptedServer();
    private final RunwayEngine engine =
            RunwayEngine.builder().transport(server).scheduler(clock).build();
    private final TestBuild build = new TestBuild();
    private final ManualExecutor worker = new ManualExecutor();
    private final UpscaleService service = new UpscaleService(
            new EngineGateway(() -> engine),
            new CredentialResolver(build.lookup()),
            new ArtifactPublisher(build.sink()),
            worker,
            worker,
            r -> build.jobFolder,
            EarlierArtifacts.NONE,
            UpscaleDefaults::none,
            () -> false);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void theTaskIdHandedOnIsTheSubmittedOneEvenWhenAReadNamesAnother() {
        server.submit = created("task-1");
        server.read =
                call -> json("{\"id\":\"../../../x/evil\",\"status\":\"SUCCEEDED\",\"output\":[\"" + OUTPUT + "\"]}");

        String failure = failureOf(run());

        assertThat(failure).contains("another task ('../../../x/evil')").contains("task-1");
        assertThat(build.archived).containsOnlyKeys("runway-upscale/task-1.url", "runway-upscale/task-1.json");
        assertThat(build.archived.get("runway-upscale/task-1.url")).isEmpty();
        assertThat(build.consoleText()).doesNotContain(OUTPUT);

        server.read = call -> json("{\"id\":\"task-1\",\"status\":\"SUCCEEDED\",\"output\":[\"" + OUTPUT + "\"]}");
        assertThat(run().join().taskId()).isEqualTo("task-1");
    }

    @Test
    void anUnusableSubmittedIdEndsTheBuildWithoutAttachingOrArchivingAnything() {
        server.submit = created("../../evil");

        String failure = failureOf(run());

        assertThat(failure).contains("'../../evil', which is no usable task id").contains("may have been created");
        assertThat(server.reads).isZero();
        assertThat(build.archived).isEmpty();
        verify(build.run, never()).addAction(any());
    }

    @Test
    void theKeySentBackEscapedReachesNeitherConsoleNorBuildPageNorArtifacts() throws Exception {
        StringBuilder escaped = new StringBuilder();
        TestBuild.KEY.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
        server.submit = created("task-2");
        server.read = call -> json("{\"id\":\"task-2\",\"status\":\"FAILED\",\"failureCode\":\"INTERNAL\","
                + "\"failure\":\"echo " + escaped + "\"}");

        String failure = failureOf(run());

        assertThat(failure).contains("echo ****").doesNotContain(TestBuild.KEY);
        assertThat(build.consoleText()).doesNotContain(TestBuild.KEY);
        assertThat(build.archived.values()).allSatisfy(text -> assertThat(text).doesNotContain(TestBuild.KEY));
        assertThat(build.archivedJson("task-2").get("failure").asText()).isEqualTo("echo ****");
    }

    @Test
    void controlCharactersFromTheServerNeverReachTheConsole() throws Exception {
        server.submit = created("task-3");
        server.read = call -> json("{\"id\":\"task-3\",\"status\":\"FAILED\",\"failureCode\":\"X\\u001b[31m\","
                + "\"failure\":\"bad\\nFinished: SUCCESS\\u001b]0;owned\\u0007\\u202egnp.exe\\u2028\"}");

        String failure = failureOf(run());

        assertThat(failure).contains("bad Finished: SUCCESS ]0;owned gnp.exe");
        assertThat(build.consoleText())
                .doesNotContain("\u001b")
                .doesNotContain("\u0007")
                .doesNotContain("\u202e")
                .doesNotContain("\u2028")
                .doesNotContainPattern("(?m)^Finished: SUCCESS");
        assertThat(build.archivedJson("task-3").get("failure").asText())
                .isEqualTo("bad Finished: SUCCESS ]0;owned gnp.exe");
    }

    @Test
    void aReadThatNeverFinishesArrivingEndsAsATimeoutAtTheBuildsDeadline() throws Exception {
        server.submit = created("task-4");
        server.read = call -> new CompletableFuture<>();

        CompletableFuture<UpscaleOutcome> result = run();
        String failure = failureOf(result);

        assertThat(failure).contains("Gave up waiting for Runway task task-4 after 1h");
        assertThat(build.archivedJson("task-4").get("status").asText()).isEqualTo("TIMED_OUT");
        assertThat(server.cancelledReads).isEqualTo(server.reads).isPositive();
    }

    @Test
    void aSubmissionThatNeverFinishesArrivingEndsAtTheBuildsDeadline() {
        server.submit = call -> new CompletableFuture<>();

        String failure = failureOf(run(plan(2)));

        assertThat(failure).contains("after 2m 0s while submitting").contains("may have been created");
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:02:00Z"));
        assertThat(build.archived).isEmpty();
    }

    /** Runs an upscale to its end, moving virtual time whenever the worker has nothing left to do. */
    private CompletableFuture<UpscaleOutcome> run() {
        return run(plan(null));
    }

    private CompletableFuture<UpscaleOutcome> run(UpscalePlan plan) {
        Upscale upscale = service.upscale(plan, build.build());
        upscale.submit(Upscale.SubmissionHook.NONE);
        for (int step = 0; step < 10_000 && !upscale.result().isDone(); step++) {
            worker.runAll();
            if (!upscale.result().isDone() && !clock.runNext()) {
                break;
            }
        }
        worker.runAll();
        assertThat(upscale.result()).isDone();
        return upscale.result();
    }

    private static String failureOf(CompletableFuture<UpscaleOutcome> result) {
        try {
            result.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(AbortException.class);
            return e.getCause().getMessage();
        }
        throw new AssertionError("expected the upscale to fail");
    }

    private static UpscalePlan plan(Integer timeoutMinutes) {
        try {
            return UpscalePlan.of(
                    new UpscaleRequest(VIDEO, TestBuild.CREDENTIAL_ID, null, null, timeoutMinutes, true),
                    UpscaleDefaults.none());
        } catch (AbortException e) {
            throw new AssertionError(e);
        }
    }

    private static Function<HttpCall, CompletableFuture<HttpAnswer>> created(String id) {
        return call -> json("{\"id\":\"" + id + "\"}");
    }

    private static CompletableFuture<HttpAnswer> json(String body) {
        return CompletableFuture.completedFuture(new HttpAnswer(200, Map.of("content-type", "application/json"), body));
    }

    /** Answers submissions and reads as the test says; counts reads and the ones the engine cancelled. */
    private static final class ScriptedServer implements HttpTransport {
        Function<HttpCall, CompletableFuture<HttpAnswer>> submit;
        Function<HttpCall, CompletableFuture<HttpAnswer>> read;
        int reads;
        int cancelledReads;

        @Override
        public CompletableFuture<HttpAnswer> send(HttpCall call) {
            if (call.method().equals("POST")) {
                return submit.apply(call);
            }
            if (call.method().equals("GET")) {
                reads++;
                CompletableFuture<HttpAnswer> answer = read.apply(call);
                answer.whenComplete((a, e) -> {
                    if (answer.isCancelled()) {
                        cancelledReads++;
                    }
                });
                return answer;
            }
            return CompletableFuture.completedFuture(new HttpAnswer(204, Map.of(), ""));
        }

        @Override
        public CompletableFuture<FileFetch> fetchToFile(URI uri, Path file) {
            throw new UnsupportedOperationException("no downloads in the plugin");
        }
    }
}
