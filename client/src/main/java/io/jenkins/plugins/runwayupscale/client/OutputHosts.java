package io.jenkins.plugins.runwayupscale.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where an output video may be fetched from: the API base URL's own scheme, host and port (an API server such as the
 * simulator may serve its outputs itself), or https to a host name (never an IP address in any spelling, never
 * this machine by name) whose every address is on the public internet. The addresses are checked before
 * connecting, and the connection goes to the address that was checked, so a name cannot resolve elsewhere the
 * second time (DNS rebinding).
 */
public final class OutputHosts {
    /** Looks a host name up; injected so tests can fake DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The system's resolver. */
    public static final Resolver SYSTEM = InetAddress::getAllByName;

    /**
     * Where to connect for a URL that passed.
     *
     * @param uri the URL
     * @param address the checked address to connect to, or null for the API's own origin (looked up as usual)
     */
    public record Destination(URI uri, InetAddress address) {}

    private final String apiOrigin;
    private final Resolver resolver;

    public OutputHosts(String apiBaseUrl, Resolver resolver) {
        this.apiOrigin = apiBaseUrl == null ? null : origin(parse(apiBaseUrl));
        this.resolver = resolver;
    }

    /** Checks {@code url} and returns where to connect; refuses with a message naming only the URL's host and path. */
    public Destination vet(String url) throws InvalidResponseException {
        URI uri = parse(url);
        if (uri == null || uri.getHost() == null) {
            throw refused(uri, "it is not a URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw refused(uri, "it carries a user name");
        }
        if (apiOrigin != null && apiOrigin.equals(origin(uri))) {
            return new Destination(uri, null);
        }
        if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw refused(uri, "it is neither https nor on the API's own host and port");
        }
        String host = uri.getHost();
        if (Hosts.isIpLiteral(host) || Hosts.isLoopback(host)) {
            throw refused(uri, "its host is an IP address or this machine, not a host name");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(Hosts.normalize(host));
        } catch (UnknownHostException e) {
            throw refused(uri, "its host name is unknown");
        }
        if (addresses == null || addresses.length == 0) {
            throw refused(uri, "its host name is unknown");
        }
        for (InetAddress address : addresses) {
            if (!PublicAddresses.isPublic(address)) {
                throw refused(
                        uri,
                        "its host name leads to " + address.getHostAddress()
                                + ", an internal address (loopback, private, link-local or reserved)");
            }
        }
        return new Destination(uri, addresses[0]);
    }

    /** The URL as messages may show it: scheme, host, port and path; never the query, which signs it. */
    static String describe(URI uri) {
        if (uri == null) {
            return "(not a URL)";
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return Excerpt.cut(uri.getScheme() + "://" + uri.getHost() + port + uri.getRawPath(), 200);
    }

    private static InvalidResponseException refused(URI uri, String why) {
        return new InvalidResponseException("Refusing to download the output from " + describe(uri) + ": " + why
                + ". Outputs are fetched only from the API's own address or over https from a public host name.");
    }

    private static URI parse(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String origin(URI uri) {
        if (uri == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + Hosts.normalize(uri.getHost()) + ":" + port;
    }
}
