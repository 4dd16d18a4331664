package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import io.jenkins.plugins.runwayupscale.upscale.TestBuild;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/**
 * The credential drop-downs and checks against the credentials plugin's API, with its static entry points stubbed:
 * which authentication and which scope they ask for is the whole point.
 */
class FormCredentialsTest {
    private final Item job = mock(Item.class, withSettings().extraInterfaces(Queue.Task.class));
    private final Authentication jobUser = mock(Authentication.class);
    private final CredentialsMatcher always = mock(CredentialsMatcher.class);
    private final CredentialsMatcher globalOnly = mock(CredentialsMatcher.class);
    private MockedStatic<Tasks> tasks;
    private MockedStatic<CredentialsProvider> provider;
    private MockedStatic<CredentialsMatchers> matchers;
    private MockedConstruction<StandardListBoxModel> lists;

    @BeforeEach
    void stubTheCredentialsPlugin() {
        tasks = mockStatic(Tasks.class);
        tasks.when(() -> Tasks.getAuthenticationOf2((Queue.Task) job)).thenReturn(jobUser);
        provider = mockStatic(CredentialsProvider.class);
        matchers = mockStatic(CredentialsMatchers.class);
        matchers.when(CredentialsMatchers::always).thenReturn(always);
        matchers.when(() -> CredentialsMatchers.withScope(CredentialsScope.GLOBAL))
                .thenReturn(globalOnly);
        lists = mockConstruction(StandardListBoxModel.class, withSettings().defaultAnswer(RETURNS_SELF));
    }

    @AfterEach
    void unstub() {
        lists.close();
        matchers.close();
        provider.close();
        tasks.close();
    }

    @Test
    void aJobListsTheCredentialsItsBuildsRunAs() {
        FormCredentials.listInJob(job, "current");

        StandardListBoxModel list = lists.constructed().get(0);
        verify(list)
                .includeMatchingAs(same(jobUser), same(job), eq(StringCredentials.class), eq(List.of()), same(always));
        verify(list, times(1)).includeMatchingAs(any(), any(Item.class), any(), any(), any(CredentialsMatcher.class));
        verify(list).includeCurrentValue("current");
    }

    @Test
    void aJobWhoseUserMayUseItsCredentialsAlsoListsThose() {
        when(job.hasPermission2(jobUser, CredentialsProvider.USE_ITEM)).thenReturn(true);

        FormCredentials.listInJob(job, "");

        verify(lists.constructed().get(0), times(2))
                .includeMatchingAs(any(), same(job), eq(StringCredentials.class), eq(List.of()), same(always));
    }

    @Test
    void theJobCheckFindsACredentialAsTheBuildWould() {
        StringCredentials mine = TestBuild.secretText("sk-mine");
        provider.when(() -> CredentialsProvider.findCredentialByIdInItem(
                        "mine", IdCredentials.class, job, jobUser, List.of()))
                .thenReturn(mine);

        assertThat(FormCredentials.inJob(job, "mine")).isSameAs(mine);
        assertThat(FormCredentials.inJob(job, "someone-elses"))
                .as("the job's user may not use the job's other credentials")
                .isNull();
        provider.verify(
                () -> CredentialsProvider.findCredentialByIdInItem(
                        eq("someone-elses"), eq(IdCredentials.class), same(job), any(), any()),
                times(1));
    }

    @Test
    void theGlobalDefaultListsOnlyGlobalScopedCredentials() {
        Jenkins root = mock(Jenkins.class);
        try (MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class)) {
            jenkins.when(Jenkins::get).thenReturn(root);
            // No constructor: it would load the configuration from disk.
            mock(RunwayUpscaleConfiguration.class, CALLS_REAL_METHODS).doFillCredentialsIdItems("current");
        }

        verify(lists.constructed().get(0))
                .includeMatchingAs(
                        any(), same((ItemGroup<?>) root), eq(StringCredentials.class), eq(List.of()), same(globalOnly));
    }
}
