package io.jenkins.plugins.runwayupscale.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.DownloadLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent side of {@code download}, run on plain files against a local server that counts its requests. */
class DownloadToWorkspaceTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final ConcurrentHashMap<String, byte[]> outputs = new ConcurrentHashMap<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = outputs.getOrDefault(exchange.getRequestURI().getPath(), "no such output".getBytes());
            int answer = outputs.containsKey(exchange.getRequestURI().getPath()) ? status : 404;
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String output(String path, byte[] body) {
        outputs.put(path, body);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Path workspace() throws Exception {
        return Files.createDirectories(tmp.resolve("workspace"));
    }

    private SavedVideo download(Path ws, String url, String path) throws Exception {
        return new DownloadToWorkspace("task-1", url, path, limits()).invoke(ws.toFile(), null);
    }

    private static List<String> partFiles(Path ws) throws Exception {
        try (Stream<Path> files = Files.walk(ws)) {
            return files.map(Path::toString).filter(f -> f.endsWith(".part")).toList();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void streamsTheOutputIntoTheWorkspaceWithSizeAndChecksum() throws Exception {
        Path ws = workspace();
        byte[] body = ReadVideoFileTest.mp4(1_500_000);

        SavedVideo saved = download(ws, output("/o/4k.mp4", body), "out/intro-4k.mp4");

        assertThat(saved.file()).isEqualTo("out/intro-4k.mp4");
        assertThat(saved.bytes()).isEqualTo(1_500_000);
        assertThat(saved.sha256()).isEqualTo(sha256(body));
        assertThat(Files.readAllBytes(ws.resolve("out/intro-4k.mp4"))).isEqualTo(body);
        assertThat(partFiles(ws)).isEmpty();
    }

    /** A later step running as another user (or in a container) must be able to read the video. */
    @Test
    void theSavedVideoHasTheModeOfAnyFileCreatedInTheWorkspace() throws Exception {
        Path ws = workspace();
        assumeTrue(ws.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path reference = Files.createFile(ws.resolve("reference.txt"));

        download(ws, output("/o/4k.mp4", ReadVideoFileTest.mp4(1000)), "intro-4k.mp4");

        assertThat(Files.getPosixFilePermissions(ws.resolve("intro-4k.mp4")))
                .isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void replacesTheFileOfAnEarlierBuild() throws Exception {
        Path ws = workspace();
        Files.writeString(ws.resolve("intro-4k.mp4"), "last week's master");

        download(ws, output("/o/new.mp4", "this week's master".getBytes()), "intro-4k.mp4");

        assertThat(Files.readString(ws.resolve("intro-4k.mp4"))).isEqualTo("this week's master");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404, 410})
    void anExpiredUrlSaysSoAndLeavesNothing(int gone) throws Exception {
        Path ws = workspace();
        status = gone;
        String url = output("/o/old.mp4", "<Error>Request has expired</Error>".getBytes());

        assertThatThrownBy(() -> download(ws, url, "out/intro-4k.mp4"))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("Could not save the output of Runway task task-1 as out/intro-4k.mp4")
                .hasMessageContaining("HTTP " + gone)
                .hasMessageContaining("the output URL has expired");
        assertThat(ws.resolve("out/intro-4k.mp4")).doesNotExist();
        assertThat(partFiles(ws)).isEmpty();
    }

    @Test
    void refusesTargetsOutsideTheWorkspaceWithoutARequest() throws Exception {
        Path ws = workspace();
        String url = output("/o/4k.mp4", ReadVideoFileTest.mp4(100));

        assertThatThrownBy(() -> download(ws, url, "../intro-4k.mp4"))
                .isInstanceOf(AbortException.class)
                .hasMessage("download: '../intro-4k.mp4' leads outside the workspace; give a path inside it");
        assertThatThrownBy(() -> download(ws, url, tmp.resolve("intro-4k.mp4").toString()))
                .hasMessageContaining("is not a path relative to the workspace");
        assertThatThrownBy(() -> download(ws, url, "out/")).hasMessage("download: 'out/' is not a file");
        assertThat(requests).hasValue(0);
        assertThat(tmp.resolve("intro-4k.mp4")).doesNotExist();
    }

    @Test
    void refusesSymbolicLinksThatLeadOutWithoutARequest() throws Exception {
        Path ws = workspace();
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(ws.resolve("release"), outside);
        Path victim = Files.writeString(outside.resolve("victim.mp4"), "keep me");
        Files.createSymbolicLink(ws.resolve("intro-4k.mp4"), victim);
        String url = output("/o/4k.mp4", ReadVideoFileTest.mp4(100));

        assertThatThrownBy(() -> download(ws, url, "release/intro-4k.mp4"))
                .hasMessageContaining("symbolic link that leads outside the workspace");
        assertThatThrownBy(() -> download(ws, url, "intro-4k.mp4"))
                .hasMessageContaining("symbolic link that leads outside the workspace");
        assertThat(requests).hasValue(0);
        assertThat(Files.readString(victim)).isEqualTo("keep me");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(victim);
        }
    }

    @Test
    void refusesATargetThatIsAFolderOrUnderAFile() throws Exception {
        Path ws = workspace();
        Files.createDirectories(ws.resolve("out/intro-4k.mp4"));
        Files.writeString(ws.resolve("notes"), "a file");
        String url = output("/o/4k.mp4", ReadVideoFileTest.mp4(100));

        assertThatThrownBy(() -> download(ws, url, "out/intro-4k.mp4"))
                .hasMessage("download: 'out/intro-4k.mp4' is not a file");
        assertThatThrownBy(() -> download(ws, url, "notes/intro-4k.mp4")).isInstanceOf(IOException.class);
        assertThat(requests).hasValue(0);
    }

    @Test
    void parallelDownloadsIntoOneFolderNeverMix() throws Exception {
        Path ws = workspace();
        byte[] first = ReadVideoFileTest.mp4(700_000);
        byte[] second = ReadVideoFileTest.mp4(900_000);
        second[100] = 1;
        String a = output("/o/a.mp4", first);
        String b = output("/o/b.mp4", second);

        CompletableFuture<SavedVideo> one = CompletableFuture.supplyAsync(() -> call(ws, a, "out/intro-4k.mp4"));
        CompletableFuture<SavedVideo> two = CompletableFuture.supplyAsync(() -> call(ws, b, "out/outro-4k.mp4"));

        assertThat(one.join().sha256()).isEqualTo(sha256(first));
        assertThat(two.join().sha256()).isEqualTo(sha256(second));
        assertThat(Files.readAllBytes(ws.resolve("out/intro-4k.mp4"))).isEqualTo(first);
        assertThat(Files.readAllBytes(ws.resolve("out/outro-4k.mp4"))).isEqualTo(second);
        assertThat(partFiles(ws)).isEmpty();
    }

    /** The built-in limits, with the test server as the API's own origin (plain http is taken only from there). */
    private DownloadLimits limits() {
        return DownloadLimits.defaults("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private SavedVideo call(Path ws, String url, String path) {
        try {
            return download(ws, url, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void showsNoUrlInItsDescription() {
        assertThat(new DownloadToWorkspace(
                        "task-1",
                        "https://cdn.example.com/o.mp4?X-Amz-Signature=abc",
                        "a.mp4",
                        DownloadLimits.defaults(null)))
                .hasToString("DownloadToWorkspace[task-1 -> a.mp4]");
    }

    /** The administrator's cap, given by the controller, bounds what the agent saves. */
    @Test
    void anOutputOverTheCapIsRefusedAndLeavesNothing() throws Exception {
        Path ws = workspace();
        String url = output("/o/big.mp4", ReadVideoFileTest.mp4(1_500_000));
        DownloadLimits capped = new DownloadLimits(
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                1024 * 1024,
                "http://127.0.0.1:" + server.getAddress().getPort());

        assertThatThrownBy(
                        () -> new DownloadToWorkspace("task-1", url, "intro-4k.mp4", capped).invoke(ws.toFile(), null))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Could not save the output of Runway task task-1 as intro-4k.mp4: ")
                .hasMessageContaining("1 MB");
        assertThat(ws.resolve("intro-4k.mp4")).doesNotExist();
        assertThat(partFiles(ws)).isEmpty();
    }

    /** Plain http only from the API's own origin: an output URL naming another loopback port is never fetched. */
    @Test
    void anOutputUrlOutsideTheFetchRuleIsNeverRequested() throws Exception {
        Path ws = workspace();
        String elsewhere = "http://127.0.0.1:" + (server.getAddress().getPort() + 1) + "/o/4k.mp4";

        assertThatThrownBy(() -> download(ws, elsewhere, "intro-4k.mp4")).isInstanceOf(AbortException.class);
        assertThatThrownBy(() -> download(ws, "https://169.254.169.254/latest/meta-data", "intro-4k.mp4"))
                .isInstanceOf(AbortException.class);
        assertThat(requests).hasValue(0);
        assertThat(partFiles(ws)).isEmpty();
    }
}
