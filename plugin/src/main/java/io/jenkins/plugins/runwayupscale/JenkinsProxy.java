package io.jenkins.plugins.runwayupscale;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.runwayupscale.client.ProxySettings;
import java.util.Arrays;
import java.util.List;

/** Jenkins' HTTP proxy (Manage Jenkins » Plugins » Advanced) in the engine's terms. */
final class JenkinsProxy {
    private JenkinsProxy() {}

    /** The proxy to use, or null for direct connections. */
    static ProxySettings settings(ProxyConfiguration proxy) {
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return null;
        }
        Secret password = proxy.getSecretPassword();
        String plain = password == null ? "" : password.getPlainText();
        return new ProxySettings(
                proxy.getName(),
                proxy.getPort(),
                proxy.getUserName(),
                plain.isEmpty() ? null : plain.toCharArray(),
                noProxyHosts(proxy.getNoProxyHost()));
    }

    /** Split as Jenkins itself splits the field: by whitespace, commas and bars. */
    static List<String> noProxyHosts(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        return Arrays.stream(field.split("[ \t\n,|]+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** What identifies a proxy setting, to notice when the administrator changed it. */
    static List<Object> identity(ProxyConfiguration proxy) {
        if (proxy == null) {
            return List.of();
        }
        return Arrays.asList(
                proxy.getName(),
                proxy.getPort(),
                proxy.getUserName(),
                proxy.getSecretPassword(),
                proxy.getNoProxyHost());
    }
}
