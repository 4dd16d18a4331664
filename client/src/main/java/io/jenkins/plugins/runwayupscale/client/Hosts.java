package io.jenkins.plugins.runwayupscale.client;

import java.util.Locale;
import java.util.regex.Pattern;

/** Host name checks shared by URL validation: loopback detection and IP literal detection, without DNS. */
final class Hosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Hosts() {}

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = strip(host).toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") && IPV4.matcher(h).matches() || h.equals("::1");
    }

    static boolean isIpLiteral(String host) {
        String h = strip(host);
        return IPV4.matcher(h).matches() || h.contains(":");
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
