package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which output URLs we accept and follow: https anywhere, plain http only on loopback (local simulators). */
public final class OutputUrls {
    private OutputUrls() {}

    public static boolean isAcceptable(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.getHost() != null
                    && (scheme.equals("https") || scheme.equals("http") && Hosts.isLoopback(uri.getHost()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
