package io.jenkins.plugins.runwayupscale.upscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import org.junit.jupiter.api.Test;

class CredentialResolverTest {
    private final TestBuild build = new TestBuild();
    private final CredentialResolver resolver = new CredentialResolver(build.lookup());

    @Test
    void resolvesASecretTextAndRecordsItsUse() throws Exception {
        assertThat(resolver.resolve(build.run, TestBuild.CREDENTIAL_ID)).hasToString("ApiKey[****]");
        assertThat(build.tracked).containsExactly(build.secretTexts.get(TestBuild.CREDENTIAL_ID));
    }

    @Test
    void aMissingIdIsNamedWithTheExpectedType() {
        assertThatThrownBy(() -> resolver.resolve(build.run, "prod-key"))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'prod-key'")
                .hasMessageContaining("Secret text");
        assertThat(build.tracked).isEmpty();
    }

    @Test
    void aCredentialOfAnotherTypeIsNamedWithBothTypes() {
        build.otherCredentials.put("ssh-login", TestBuild.otherCredential("Username with password"));

        assertThatThrownBy(() -> resolver.resolve(build.run, "ssh-login"))
                .isInstanceOf(AbortException.class)
                .hasMessage("Credential 'ssh-login' is a Username with password credential, but the CometAPI key must"
                        + " be in a Secret text credential (StringCredentials).");
        assertThat(build.lookups).as("one lookup, whatever the type").hasValue(1);
    }

    @Test
    void noIdAtAllSaysWhereToSetOne() {
        assertThatThrownBy(() -> resolver.resolve(build.run, " "))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("credentialsId")
                .hasMessageContaining("Manage Jenkins");
    }

    @Test
    void aBlankSecretIsRefusedWithoutShowingIt() {
        build.secretTexts.put("blank", TestBuild.secretText("  "));
        build.secretTexts.put("spaced", TestBuild.secretText("sk-key with-space"));

        assertThatThrownBy(() -> resolver.resolve(build.run, "blank"))
                .hasMessageContaining("'blank'")
                .hasMessageContaining("missing or blank");
        assertThatThrownBy(() -> resolver.resolve(build.run, "spaced"))
                .hasMessageContaining("whitespace")
                .message()
                .doesNotContain("sk-key");
    }
}
