package io.jenkins.plugins.runwayupscale.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.FilePath;
import hudson.remoting.RemoteInputStream;
import hudson.remoting.RemoteOutputStream;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import io.jenkins.plugins.runwayupscale.client.DownloadedVideo;
import io.jenkins.plugins.runwayupscale.client.EncodedVideo;
import io.jenkins.plugins.runwayupscale.client.InlineVideo;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything that crosses the agent channel, both ways, passes Jenkins core's class filter: each file callable as it
 * is sent, what it returns, and what it throws in every way it can fail. On a real agent a rejected class turns the
 * answer into an IOException on the controller, after the video was read or the task paid.
 */
class AgentBoundaryTest {
    private static final String ROOT = "io.jenkins.plugins.runwayupscale";
    private static final DataUriLimit LIMIT = new DataUriLimit(1024 * 1024, "a test limit");
    private final ClassFilterRule filter = ClassFilterRule.forThisPlugin();

    @TempDir
    Path workspace;

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] video = ReadVideoFileTest.mp4(50_000);
        server.createContext("/ok.mp4", exchange -> {
            exchange.sendResponseHeaders(200, video.length);
            exchange.getResponseBody().write(video);
            exchange.close();
        });
        server.createContext("/short.mp4", exchange -> {
            exchange.sendResponseHeaders(200, video.length);
            exchange.getResponseBody().write(video, 0, 1000);
            exchange.close();
        });
        server.createContext("/gone.mp4", exchange -> {
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        server.start();
        Files.write(workspace.resolve("intro.mp4"), video);
        Files.writeString(workspace.resolve("notes.mp4"), "not a video\n");
        Files.write(workspace.resolve("big.mp4"), ReadVideoFileTest.mp4(2 * 1024 * 1024));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DownloadLimits limits() {
        return DownloadLimits.defaults(url(""));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void everyFileCallableOfThePluginIsCoveredHere() {
        Set<String> callables = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT).stream()
                        .filter(c -> !c.getPackageName().startsWith(ROOT + ".client"))
                        .filter(c -> c.isAssignableTo(FilePath.FileCallable.class))
                        .map(JavaClass::getName)
                        .collect(Collectors.toSet());
        assertThat(callables)
                .containsExactlyInAnyOrder(
                        ReadVideoFile.class.getName(),
                        DownloadToWorkspace.class.getName(),
                        CheckDownloadTarget.class.getName(),
                        RestoreToWorkspace.class.getName());
    }

    @Test
    void theCallablesAsSentPassTheFilter() throws Exception {
        assertThat(filter.roundTrip(
                        new ReadVideoFile("intro.mp4", LIMIT, new RemoteOutputStream(new ByteArrayOutputStream()))))
                .hasToString("ReadVideoFile[intro.mp4]");
        assertThat(filter.roundTrip(new DownloadToWorkspace("task-1", url("/ok.mp4"), "out/intro-4k.mp4", limits())))
                .hasToString("DownloadToWorkspace[task-1 -> out/intro-4k.mp4]");
    }

    @Test
    void whatReadVideoFileReturnsOrThrowsPassesTheFilter() throws Exception {
        Object copied = filter.roundTrip(read("intro.mp4"));
        assertThat(copied).isInstanceOf(CopiedVideo.class);
        assertThat(((CopiedVideo) copied).bytes()).isEqualTo(50_000);

        List<String> refusals = new ArrayList<>();
        for (String path : List.of("missing.mp4", "notes.mp4", "big.mp4", "../outside.mp4", "/etc/passwd", ".")) {
            refusals.add(thrownThroughTheFilter(() -> read(path)));
        }
        assertThat(refusals).allSatisfy(message -> assertThat(message).startsWith("hudson.AbortException: "));
    }

    @Test
    void whatDownloadToWorkspaceReturnsOrThrowsPassesTheFilter() throws Exception {
        Object saved = filter.roundTrip(download(url("/ok.mp4"), "out/intro-4k.mp4"));
        assertThat(saved).isInstanceOf(SavedVideo.class);
        assertThat(((SavedVideo) saved).bytes()).isEqualTo(50_000);

        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        List<String> failures = new ArrayList<>();
        failures.add(thrownThroughTheFilter(() -> download(url("/gone.mp4"), "a.mp4")));
        failures.add(thrownThroughTheFilter(() -> download(url("/short.mp4"), "b.mp4")));
        failures.add(thrownThroughTheFilter(() -> download("http://127.0.0.1:" + closedPort + "/x.mp4", "c.mp4")));
        failures.add(thrownThroughTheFilter(() -> download("ftp://example.com/x.mp4", "d.mp4")));
        failures.add(thrownThroughTheFilter(() -> download(url("/ok.mp4"), "../e.mp4")));
        failures.add(thrownThroughTheFilter(() -> download(url("/ok.mp4"), "intro.mp4/f.mp4")));
        assertThat(failures).allSatisfy(message -> assertThat(message).startsWith("hudson.AbortException: "));
    }

    @Test
    void whatCheckDownloadTargetReturnsOrThrowsPassesTheFilter() throws Exception {
        assertThat(filter.roundTrip(new CheckDownloadTarget("out/intro-4k.mp4")))
                .hasToString("CheckDownloadTarget[out/intro-4k.mp4]");
        assertThat(filter.roundTrip(new CheckDownloadTarget("out/intro-4k.mp4").invoke(workspace.toFile(), null)))
                .isEqualTo("out/intro-4k.mp4");
        assertThat(thrownThroughTheFilter(
                        () -> new CheckDownloadTarget("intro.mp4/x.mp4").invoke(workspace.toFile(), null)))
                .startsWith("hudson.AbortException: ");
        assertThat(thrownThroughTheFilter(() -> new CheckDownloadTarget("a/..").invoke(workspace.toFile(), null)))
                .startsWith("hudson.AbortException: ");
    }

    @Test
    void whatRestoreToWorkspaceReturnsOrThrowsPassesTheFilter() throws Exception {
        byte[] video = ReadVideoFileTest.mp4(3000);
        String sha256 = DownloadToWorkspaceTest.sha256(video);
        assertThat(filter.roundTrip(new RestoreToWorkspace(
                        "out/a.mp4",
                        sha256,
                        new RemoteInputStream(new java.io.ByteArrayInputStream(video), RemoteInputStream.Flag.GREEDY))))
                .hasToString("RestoreToWorkspace[out/a.mp4]");
        Object restored =
                filter.roundTrip(new RestoreToWorkspace("out/a.mp4", sha256, new java.io.ByteArrayInputStream(video))
                        .invoke(workspace.toFile(), null));
        assertThat(restored).isInstanceOf(SavedVideo.class);
        assertThat(thrownThroughTheFilter(() -> new RestoreToWorkspace(
                                "out/b.mp4", "0".repeat(64), new java.io.ByteArrayInputStream(video))
                        .invoke(workspace.toFile(), null)))
                .startsWith("hudson.AbortException: ");
    }

    /**
     * A remote artifact store's read failure may carry a library exception as its cause: the restore tells it in words
     * and sends no cause, so the controller's filter has nothing to reject, and no part file is left.
     */
    @Test
    void aFailingArchiveReadIsToldInWordsWithoutItsCause() throws Exception {
        java.io.InputStream broken = new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("store unreachable", new IllegalStateException("S3 said no"));
            }
        };
        String arrived = thrownThroughTheFilter(
                () -> new RestoreToWorkspace("out/c.mp4", "0".repeat(64), broken).invoke(workspace.toFile(), null));

        assertThat(arrived)
                .isEqualTo("hudson.AbortException: Could not restore the archived video as out/c.mp4:"
                        + " java.io.IOException: store unreachable");
        assertThat(workspace.resolve("out/c.mp4")).doesNotExist();
        try (var files = Files.walk(workspace)) {
            assertThat(files.filter(f -> f.toString().endsWith(".part"))).isEmpty();
        }
    }

    /** The control: the client's records, which the callables returned before, are rejected by the rule. */
    @Test
    void theRuleRejectsTheClientLibrarysClasses() {
        InlineVideo video = new InlineVideo("intro.mp4", "video/mp4", 3, "abc");
        assertThatThrownBy(() -> filter.roundTrip(new EncodedVideo(video, "data:video/mp4;base64,AAAA")))
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining(EncodedVideo.class.getName());
        assertThatThrownBy(() -> filter.roundTrip(new DownloadedVideo("a.mp4", 3, "abc", null)))
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining(DownloadedVideo.class.getName());
        assertThatThrownBy(() -> filter.roundTrip(List.of("an immutable JDK list is not whitelisted")))
                .isInstanceOf(InvalidClassException.class);
    }

    private CopiedVideo read(String path) throws Exception {
        return new ReadVideoFile(path, LIMIT, new ByteArrayOutputStream()).invoke(workspace.toFile(), null);
    }

    private SavedVideo download(String url, String path) throws Exception {
        return new DownloadToWorkspace("task-1", url, path, limits()).invoke(workspace.toFile(), null);
    }

    /** Runs a call that must fail and sends its exception through the filter; returns what arrived. */
    private String thrownThroughTheFilter(Callable<?> call) throws Exception {
        Throwable thrown = null;
        try {
            call.call();
        } catch (Exception e) {
            thrown = e;
        }
        assertThat(thrown).as("a failure").isNotNull();
        Throwable arrived = (Throwable) filter.roundTrip(thrown);
        for (Throwable t = arrived; t != null; t = t.getCause()) {
            assertThat(t.getClass().getName()).doesNotStartWith(ROOT + ".client");
        }
        return arrived.toString();
    }
}
