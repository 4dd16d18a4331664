package io.jenkins.plugins.runwayupscale.client;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTTP proxy: host, port, optional credentials, and host patterns that bypass it ({@code *.example.com});
 * loopback hosts always bypass it.
 */
public final class ProxySettings {
    private final String host;
    private final int port;
    private final String username;
    private final char[] password;
    private final List<Pattern> noProxy;

    public ProxySettings(String host, int port, String username, char[] password, List<String> noProxyHosts) {
        if (host == null || host.isBlank() || port <= 0 || port > 65535) {
            throw new IllegalArgumentException("a proxy needs a host name and a port between 1 and 65535");
        }
        this.host = host.trim();
        this.port = port;
        this.username = username == null || username.isBlank() ? null : username;
        this.password = password == null ? null : password.clone();
        this.noProxy = noProxyHosts == null
                ? List.of()
                : noProxyHosts.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(ProxySettings::glob)
                        .toList();
    }

    private static Pattern glob(String pattern) {
        String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
        return Pattern.compile(regex);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    char[] password() {
        return password == null ? null : password.clone();
    }

    /**
     * Whether requests to this host go direct: loopback hosts always do (a proxy must never see the key sent to a
     * local server in clear text), others when the no-proxy list names them.
     */
    public boolean bypasses(String targetHost) {
        if (Hosts.isLoopback(targetHost)) {
            return true;
        }
        String h = Hosts.normalize(targetHost);
        return noProxy.stream().anyMatch(p -> p.matcher(h).matches());
    }

    @Override
    public String toString() {
        return "ProxySettings[" + host + ":" + port + (username == null ? "" : ", user " + username) + "]";
    }
}
