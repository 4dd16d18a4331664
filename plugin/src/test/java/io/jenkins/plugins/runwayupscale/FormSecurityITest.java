package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class FormSecurityITest {
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
        assertThat(as("configurer", () -> builder.doCheckVideoUri(project, "http://cdn.example.com/v.mp4")).kind)
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

    private static <T> T as(String user, Supplier<T> call) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return call.get();
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
