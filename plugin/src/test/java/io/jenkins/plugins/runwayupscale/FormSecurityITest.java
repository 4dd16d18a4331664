package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.util.List;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class FormSecurityITest {
    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule j;
    private FreeStyleProject project;

    @BeforeEach
    void secure(JenkinsRule rule) throws Exception {
        j = rule;
        project = j.createFreeStyleProject("job");
        CometITestSupport.addCredential(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "cometapi-key", "CometAPI", Secret.fromString(CometITestSupport.KEY)));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
    }

    @Test
    void onlyThoseWhoMayConfigureSeeTheCredentials() {
        RunwayUpscaleStep.DescriptorImpl step = j.jenkins.getDescriptorByType(RunwayUpscaleStep.DescriptorImpl.class);

        assertThat(values(as("configurer", () -> step.doFillCredentialsIdItems(project, ""))))
                .contains("cometapi-key");
        assertThat(values(as("reader", () -> step.doFillCredentialsIdItems(project, ""))))
                .doesNotContain("cometapi-key");
        assertThat(values(as("reader", () -> step.doFillCredentialsIdItems(null, ""))))
                .doesNotContain("cometapi-key");
        assertThat(values(as("admin", () -> step.doFillCredentialsIdItems(null, ""))))
                .contains("cometapi-key");
    }

    @Test
    void validationTellsNothingToReaders() {
        RunwayUpscaleBuilder.DescriptorImpl builder =
                j.jenkins.getDescriptorByType(RunwayUpscaleBuilder.DescriptorImpl.class);

        assertThat(as("reader", () -> builder.doCheckCredentialsId(project, "missing")).kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(as("configurer", () -> builder.doCheckCredentialsId(project, "missing")).kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(as("configurer", () -> builder.doCheckVideoUri(project, "http://cdn.example.com/v.mp4", null)).kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void globalEndpointsAreForAdministratorsOnly() {
        RunwayUpscaleConfiguration config = RunwayUpscaleConfiguration.get();

        assertThatThrownBy(() -> as("configurer", () -> config.doFillCredentialsIdItems("")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("configurer", () -> config.doCheckBaseUrl("https://comet.example.com")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(as("admin", () -> config.doCheckBaseUrl("http://comet.example.com")).kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void theGlobalDefaultOffersOnlyCredentialsBuildsCanUse() throws Exception {
        CometITestSupport.addCredential(new StringCredentialsImpl(
                CredentialsScope.SYSTEM, "system-key", "Jenkins only", Secret.fromString(CometITestSupport.KEY)));
        RunwayUpscaleConfiguration config = RunwayUpscaleConfiguration.get();

        assertThat(values(as("admin", () -> config.doFillCredentialsIdItems(""))))
                .contains("cometapi-key")
                .doesNotContain("system-key");
        FormValidation systemScoped = as("admin", () -> config.doCheckCredentialsId("system-key"));
        assertThat(systemScoped.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(systemScoped.getMessage()).contains("System scope");
        assertThat(as("admin", () -> config.doCheckCredentialsId("cometapi-key")).kind)
                .isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void aJobFormShowsTheCredentialsAsTheJobRuns() throws Exception {
        RunwayUpscaleStep.DescriptorImpl step = j.jenkins.getDescriptorByType(RunwayUpscaleStep.DescriptorImpl.class);
        RunwayUpscaleBuilder.DescriptorImpl builder =
                j.jenkins.getDescriptorByType(RunwayUpscaleBuilder.DescriptorImpl.class);
        // Authorize Project's doing: the job's builds run as "reader", who may not use the job's credentials.
        QueueItemAuthenticatorConfiguration.get()
                .getAuthenticators()
                .replace(new MockQueueItemAuthenticator()
                        .authenticate(
                                project.getFullName(),
                                User.getById("reader", true).impersonate2()));

        assertThat(values(as("configurer", () -> step.doFillCredentialsIdItems(project, ""))))
                .doesNotContain("cometapi-key");
        assertThat(as("configurer", () -> builder.doCheckCredentialsId(project, "cometapi-key")).kind)
                .as("the build could not find it either")
                .isEqualTo(FormValidation.Kind.ERROR);

        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ, CredentialsProvider.USE_ITEM)
                .everywhere()
                .to("reader"));

        assertThat(values(as("configurer", () -> step.doFillCredentialsIdItems(project, ""))))
                .contains("cometapi-key");
        assertThat(as("configurer", () -> builder.doCheckCredentialsId(project, "cometapi-key")).kind)
                .isEqualTo(FormValidation.Kind.OK);
    }

    private static <T> T as(String user, Supplier<T> call) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return call.get();
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
