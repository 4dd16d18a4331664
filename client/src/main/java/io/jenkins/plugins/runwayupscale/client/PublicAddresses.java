package io.jenkins.plugins.runwayupscale.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet, where a CDN serving a video can be: not this machine, not a
 * private, shared (CGNAT), link-local, multicast, documentation or reserved network, in IPv4 or IPv6, including
 * IPv4 addresses carried inside IPv6 ones (mapped, compatible, 6to4, NAT64).
 */
final class PublicAddresses {
    /** IPv4 networks that are not the public internet: {address, prefix length}. */
    private static final int[][] INTERNAL_V4 = {
        {0x00000000, 8}, // "this network"
        {0x0A000000, 8}, // private
        {0x64400000, 10}, // shared address space (CGNAT)
        {0x7F000000, 8}, // loopback
        {0xA9FE0000, 16}, // link-local, cloud metadata (169.254.169.254)
        {0xAC100000, 12}, // private
        {0xC0000000, 24}, // IETF protocol assignments
        {0xC0000200, 24}, // documentation
        {0xC0A80000, 16}, // private
        {0xC6120000, 15}, // benchmarking
        {0xC6336400, 24}, // documentation
        {0xCB007100, 24}, // documentation
        {0xE0000000, 4}, // multicast
        {0xF0000000, 4}, // reserved, broadcast
    };

    private PublicAddresses() {}

    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address) {
            return isPublicV4(toInt(address.getAddress(), 0));
        }
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        int first = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        if ((first & 0xFE00) == 0xFC00 || first == 0x2001 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
            return false; // unique local (fc00::/7), documentation (2001:db8::/32)
        }
        if (first == 0x2002) {
            return isPublicV4(toInt(b, 2)); // 6to4 carries an IPv4 address
        }
        if (isZero(b, 0, 10) && (b[10] & b[11] & 0xFF) == 0xFF || isZero(b, 0, 12)) {
            return isPublicV4(toInt(b, 12)); // IPv4-mapped or IPv4-compatible
        }
        if (first == 0x0064 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B && isZero(b, 4, 12)) {
            return isPublicV4(toInt(b, 12)); // NAT64
        }
        // Global unicast is 2000::/3; anything else is reserved.
        return (first & 0xE000) == 0x2000;
    }

    private static boolean isPublicV4(int address) {
        for (int[] net : INTERNAL_V4) {
            int mask = -1 << (32 - net[1]);
            if ((address & mask) == net[0]) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int from) {
        return ((b[from] & 0xFF) << 24)
                | ((b[from + 1] & 0xFF) << 16)
                | ((b[from + 2] & 0xFF) << 8)
                | (b[from + 3] & 0xFF);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
