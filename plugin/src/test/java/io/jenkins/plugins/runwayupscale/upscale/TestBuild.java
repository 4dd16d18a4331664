package io.jenkins.plugins.runwayupscale.upscale;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * A build as an upscale sees it, without Jenkins: a mocked run, a console captured in memory, a credential store
 * holding one key, and an artifact store that keeps copies of what was archived.
 */
public final class TestBuild {
    public static final String KEY = "sk-comet-7c1e9a4f-secret-value";
    public static final String CREDENTIAL_ID = "cometapi-key";

    public final Run<?, ?> run = mock(Run.class);
    public final ByteArrayOutputStream console = new ByteArrayOutputStream();
    public final TaskListener listener = TestBuild.listenerOn(console);
    public final Map<String, StringCredentials> secretTexts = new ConcurrentHashMap<>();
    public final Map<String, IdCredentials> otherCredentials = new ConcurrentHashMap<>();
    public final List<Credentials> tracked = new CopyOnWriteArrayList<>();
    public final AtomicInteger lookups = new AtomicInteger();
    /** Artifact path to file content, as archived. */
    public final Map<String, String> archived = new ConcurrentHashMap<>();

    public final FakeGateway gateway = new FakeGateway();
    /** The job's folder, where its index of earlier results is kept: one of its own for each test build. */
    public final Path jobFolder = newJobFolder();

    /** Earlier builds' archived videos, as the tests put them: build number and artifact path to content. */
    public final Map<String, byte[]> earlierArtifacts = new ConcurrentHashMap<>();

    /** Jenkins' URL of an earlier build's artifact. */
    public static String artifactUrl(int build, String artifact) {
        return "https://jenkins.example.com/job/release/" + build + "/artifact/" + artifact;
    }

    private final EarlierArtifacts artifacts = new EarlierArtifacts() {
        @Override
        public InputStream open(Run<?, ?> current, int build, String artifact) {
            byte[] content = earlierArtifacts.get(build + "/" + artifact);
            return content == null ? null : new ByteArrayInputStream(content);
        }

        @Override
        public String url(Run<?, ?> current, int build, String artifact) {
            return artifactUrl(build, artifact);
        }
    };

    /** What the service is told of Jenkins shutting down. */
    public volatile boolean shuttingDown;

    public TestBuild() {
        secretTexts.put(CREDENTIAL_ID, secretText(KEY));
    }

    public static StringCredentials secretText(String value) {
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn(value);
        StringCredentials credential = mock(StringCredentials.class);
        when(credential.getSecret()).thenReturn(secret);
        return credential;
    }

    /** A credential of another kind, as Jenkins names it ("Username with password", ...). */
    public static IdCredentials otherCredential(String typeName) {
        CredentialsDescriptor descriptor = mock(CredentialsDescriptor.class);
        when(descriptor.getDisplayName()).thenReturn(typeName);
        StandardCredentials credential = mock(StandardCredentials.class);
        when(credential.getDescriptor()).thenReturn(descriptor);
        return credential;
    }

    public UpscaleBuild build() {
        return UpscaleBuild.of(run, listener);
    }

    public CredentialLookup lookup() {
        return new CredentialLookup() {
            @Override
            public IdCredentials find(String id, Run<?, ?> r) {
                lookups.incrementAndGet();
                IdCredentials found = secretTexts.get(id);
                return found != null ? found : otherCredentials.get(id);
            }

            @Override
            public void track(Run<?, ?> r, Credentials credentials) {
                tracked.add(credentials);
            }
        };
    }

    public ArtifactSink sink() {
        return (r, folder, artifacts, l) -> {
            for (Map.Entry<String, String> e : artifacts.entrySet()) {
                archived.put(e.getKey(), Files.readString(folder.resolve(e.getValue()), StandardCharsets.UTF_8));
            }
        };
    }

    /** The service every front door uses, over this build's fakes and the given worker pool. */
    public UpscaleService service(Executor pool) {
        return service(pool, pool);
    }

    /** As {@link #service(Executor)}, with the agent calls on a pool of their own. */
    public UpscaleService service(Executor pool, Executor agentPool) {
        return new UpscaleService(
                gateway,
                new CredentialResolver(lookup()),
                new ArtifactPublisher(sink()),
                pool,
                agentPool,
                r -> jobFolder,
                artifacts,
                UpscaleDefaults::none,
                () -> shuttingDown);
    }

    private static Path newJobFolder() {
        try {
            Path folder = Files.createTempDirectory("runway-upscale-job");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archived .json file of a task, parsed. */
    public JsonNode archivedJson(String taskId) throws IOException {
        return new ObjectMapper().readTree(archived.get("runway-upscale/" + taskId + ".json"));
    }

    public String consoleText() {
        return console.toString(StandardCharsets.UTF_8);
    }

    public static TaskListener listenerOn(ByteArrayOutputStream out) {
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return () -> stream;
    }
}
