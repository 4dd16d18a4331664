package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockConstruction;

import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.ArrayList;
import java.util.List;
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

            ExecutorService workers = SharedEngine.workers();

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
    void theEngineClosesOnlyAfterPipelinesAreSuspended() throws Exception {
        Terminator terminator = SharedEngine.class.getMethod("shutDown").getAnnotation(Terminator.class);

        assertThat(terminator.requires()).containsExactly("FlowExecutionList.EXECUTIONS_SUSPENDED");
    }
}
