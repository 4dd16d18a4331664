package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockConstruction;

import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.runwayupscale.client.FileFetch;
import io.jenkins.plugins.runwayupscale.client.HttpAnswer;
import io.jenkins.plugins.runwayupscale.client.HttpCall;
import io.jenkins.plugins.runwayupscale.client.HttpTransport;
import io.jenkins.plugins.runwayupscale.client.RunwayEngine;
import io.jenkins.plugins.runwayupscale.client.VirtualScheduler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import jenkins.security.ImpersonatingExecutorService;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;

class SharedEngineTest {
    @Test
    void workersAreMadeAsCoreMakesThemAndRunAsSystem() {
        List<List<?>> impersonatingArgs = new ArrayList<>();
        List<List<?>> sanityArgs = new ArrayList<>();
        List<List<?>> namingArgs = new ArrayList<>();
        try (MockedConstruction<ImpersonatingExecutorService> impersonating = mockConstruction(
                        ImpersonatingExecutorService.class, (m, c) -> impersonatingArgs.add(c.arguments()));
                MockedConstruction<ClassLoaderSanityThreadFactory> sanity = mockConstruction(
                        ClassLoaderSanityThreadFactory.class, (m, c) -> sanityArgs.add(c.arguments()));
                MockedConstruction<NamingThreadFactory> naming =
                        mockConstruction(NamingThreadFactory.class, (m, c) -> namingArgs.add(c.arguments()));
                MockedConstruction<DaemonThreadFactory> daemon = mockConstruction(DaemonThreadFactory.class)) {

            ExecutorService workers = SharedEngine.threads(4, "Runway upscale worker");

            assertThat(workers).isSameAs(impersonating.constructed().get(0));
            assertThat(impersonatingArgs.get(0).get(1)).isSameAs(ACL.SYSTEM2);
            ThreadPoolExecutor threads =
                    (ThreadPoolExecutor) impersonatingArgs.get(0).get(0);
            try {
                assertThat(threads.getThreadFactory())
                        .isSameAs(sanity.constructed().get(0));
                assertThat(sanityArgs)
                        .containsExactly(List.of(naming.constructed().get(0)));
                assertThat(namingArgs)
                        .containsExactly(List.of(daemon.constructed().get(0), "Runway upscale worker"));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void anEngineWhoseNetworkStoppedIsReplacedOnTheNextCall() {
        HttpTransport dead = new HttpTransport() {
            @Override
            public CompletableFuture<HttpAnswer> send(HttpCall call) {
                return CompletableFuture.failedFuture(new IOException("I/O reactor has been shut down"));
            }

            @Override
            public CompletableFuture<FileFetch> fetchToFile(URI uri, Path file) {
                return CompletableFuture.failedFuture(new IOException("I/O reactor has been shut down"));
            }

            @Override
            public boolean isActive() {
                return false;
            }
        };
        try (RunwayEngine stopped = RunwayEngine.builder()
                        .transport(dead)
                        .scheduler(new VirtualScheduler(Instant.EPOCH))
                        .build();
                RunwayEngine working = RunwayEngine.builder()
                        .transport(new IdleNetwork())
                        .scheduler(new VirtualScheduler(Instant.EPOCH))
                        .build()) {
            assertThat(SharedEngine.needsNew(stopped, false)).isTrue();
            assertThat(SharedEngine.needsNew(working, false)).isFalse();
            assertThat(SharedEngine.needsNew(working, true)).isTrue();
            assertThat(SharedEngine.needsNew(null, false)).isTrue();
        }
    }

    @Test
    void aRealEngineIsNoLongerActiveOnceClosed() {
        RunwayEngine engine = RunwayEngine.start();
        assertThat(engine.isActive()).isTrue();

        engine.close();

        assertThat(engine.isActive()).isFalse();
        assertThat(SharedEngine.needsNew(engine, false)).isTrue();
    }

    /** A network that is alive and never asked. */
    private static final class IdleNetwork implements HttpTransport {
        @Override
        public CompletableFuture<HttpAnswer> send(HttpCall call) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<FileFetch> fetchToFile(URI uri, Path file) {
            return new CompletableFuture<>();
        }
    }

    @Test
    void theEngineClosesOnlyAfterPipelinesAreSuspended() throws Exception {
        Terminator terminator = SharedEngine.class.getMethod("shutDown").getAnnotation(Terminator.class);

        assertThat(terminator.requires()).containsExactly("FlowExecutionList.EXECUTIONS_SUSPENDED");
    }
}
