package io.jenkins.plugins.runwayupscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.runwayupscale.client.ProxySettings;
import org.junit.jupiter.api.Test;

class JenkinsProxyTest {
    @Test
    void noProxyIsADirectConnection() {
        assertThat(JenkinsProxy.settings(null)).isNull();
        ProxyConfiguration blank = mock(ProxyConfiguration.class);
        when(blank.getName()).thenReturn(" ");
        assertThat(JenkinsProxy.settings(blank)).isNull();
    }

    @Test
    void carriesHostPortUserAndTheHostsThatBypassIt() {
        ProxyConfiguration proxy = mock(ProxyConfiguration.class);
        Secret password = mock(Secret.class);
        when(password.getPlainText()).thenReturn("proxy-pass");
        when(proxy.getName()).thenReturn("proxy.corp.example");
        when(proxy.getPort()).thenReturn(3128);
        when(proxy.getUserName()).thenReturn("builder");
        when(proxy.getSecretPassword()).thenReturn(password);
        when(proxy.getNoProxyHost()).thenReturn("localhost\n*.corp.example, 127.0.0.1|cdn.internal");

        ProxySettings settings = JenkinsProxy.settings(proxy);

        assertThat(settings.host()).isEqualTo("proxy.corp.example");
        assertThat(settings.port()).isEqualTo(3128);
        assertThat(settings.username()).isEqualTo("builder");
        assertThat(settings.bypasses("git.corp.example")).isTrue();
        assertThat(settings.bypasses("cdn.internal")).isTrue();
        assertThat(settings.bypasses("api.cometapi.com")).isFalse();
        assertThat(settings.toString()).doesNotContain("proxy-pass");
    }

    @Test
    void loopbackNeverGoesThroughJenkinsProxyEvenWithAnEmptyNoProxyField() {
        ProxyConfiguration proxy = mock(ProxyConfiguration.class);
        when(proxy.getName()).thenReturn("proxy.corp.example");
        when(proxy.getPort()).thenReturn(3128);
        when(proxy.getNoProxyHost()).thenReturn("");

        ProxySettings settings = JenkinsProxy.settings(proxy);

        assertThat(settings.bypasses("localhost")).isTrue();
        assertThat(settings.bypasses("127.0.0.1")).isTrue();
        assertThat(settings.bypasses("[::1]")).isTrue();
        assertThat(settings.bypasses("api.cometapi.com")).isFalse();
    }

    @Test
    void splitsTheNoProxyFieldAsJenkinsDoes() {
        assertThat(JenkinsProxy.noProxyHosts(" a.example ,b.example|c.example\td.example\n"))
                .containsExactly("a.example", "b.example", "c.example", "d.example");
        assertThat(JenkinsProxy.noProxyHosts(null)).isEmpty();
    }
}
