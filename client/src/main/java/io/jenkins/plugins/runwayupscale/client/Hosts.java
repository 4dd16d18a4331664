package io.jenkins.plugins.runwayupscale.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host name checks without DNS. A host counts as an IP address in every spelling a resolver accepts (dotted or
 * not, decimal, octal, hex, IPv6), and as loopback when it is {@code localhost}, a {@code *.localhost} name or a
 * loopback address in any of those spellings; a trailing dot changes nothing.
 */
final class Hosts {
    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    private Hosts() {}

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = normalize(host);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (h.contains(":")) {
            return isLoopbackIpv6(h);
        }
        long ipv4 = ipv4(h);
        return ipv4 >= 0 && ipv4 >>> 24 == 127;
    }

    /**
     * Whether a resolver would read the host as an address rather than a name: IPv6, or a last label that is a
     * number in any base (so {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1} and {@code 127.1} are all
     * addresses, as URL parsers treat them).
     */
    static boolean isIpLiteral(String host) {
        if (host == null) {
            return false;
        }
        String h = normalize(host);
        if (h.contains(":")) {
            return true;
        }
        String last = h.substring(h.lastIndexOf('.') + 1);
        return NUMBER.matcher(last).matches();
    }

    /** Lower case, without IPv6 brackets and trailing dots. */
    static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** The address as classic resolvers read it (1 to 4 parts, each decimal, octal or hex), or -1. */
    static long ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = number(parts[i]);
            boolean last = i == parts.length - 1;
            long max = last ? (1L << (8 * (4 - i))) - 1 : 255;
            if (part < 0 || part > max) {
                return -1;
            }
            value = last ? (value << (8 * (4 - i))) | part : (value << 8) | part;
        }
        return value;
    }

    private static long number(String part) {
        if (!NUMBER.matcher(part).matches() || part.length() > 40) {
            return -1;
        }
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return part.chars().allMatch(c -> c < '8') ? Long.parseLong(part, 8) : -1;
            }
            return Long.parseLong(part);
        } catch (NumberFormatException tooBig) {
            return -1;
        }
    }

    private static boolean isLoopbackIpv6(String host) {
        if (!host.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            // A literal with ':' is parsed, never looked up.
            return InetAddress.getByName("[" + host + "]").isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
