package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a video URI against Runway's rules before anything is sent, and abbreviates data URIs for display. */
public final class VideoUris {
    public static final int MAX_URL_LENGTH = 2048;
    private static final String FIELD = "video URI";
    private static final Pattern DATA_URI = Pattern.compile("data:(video/[A-Za-z0-9.+-]+);base64,(.*)", Pattern.DOTALL);
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    private VideoUris() {}

    /** As {@link #validate(String, DataUriLimit)} with the limit of the default model. */
    public static String validate(String videoUri) throws InvalidInputException {
        return validate(videoUri, DataUriLimit.of(RunwaySettings.DEFAULT_MODEL, null));
    }

    /** Throws with a message naming the field and what is allowed; returns the trimmed URI otherwise. */
    public static String validate(String videoUri, DataUriLimit limit) throws InvalidInputException {
        if (videoUri == null || videoUri.isBlank()) {
            throw InvalidInputException.local(
                    FIELD, "is missing; give an https:// URL of the video or a data:video/...;base64, URI");
        }
        String value = videoUri.strip();
        if (value.regionMatches(true, 0, "data:", 0, 5)) {
            validateDataUri(value, limit);
            return value;
        }
        if (value.length() > MAX_URL_LENGTH) {
            throw InvalidInputException.local(
                    FIELD, "is " + value.length() + " characters long; Runway accepts at most " + MAX_URL_LENGTH);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw InvalidInputException.local(
                    FIELD, "'" + Excerpt.cut(value, 100) + "' is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")) {
            String what = scheme.isEmpty() ? "a relative reference" : "a " + scheme + ": URL";
            throw InvalidInputException.local(
                    FIELD, "is " + what + "; Runway accepts only https:// URLs or data:video/ URIs");
        }
        if (uri.getRawUserInfo() != null
                || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw InvalidInputException.local(FIELD, "must not contain user name or password (user@host)");
        }
        String host = hostOf(uri);
        if (Hosts.isIpLiteral(host)) {
            throw InvalidInputException.local(
                    FIELD,
                    "uses an IP address as host ('" + Excerpt.cut(host, 100)
                            + "', in whatever spelling); Runway requires a public host name");
        }
        if (Hosts.isLoopback(host)) {
            throw InvalidInputException.local(
                    FIELD, "names this machine ('" + Excerpt.cut(host, 100) + "'); Runway requires a public host name");
        }
        if (uri.getHost() == null) {
            throw InvalidInputException.local(FIELD, "'" + Excerpt.cut(value, 100) + "' has no valid host name");
        }
        return value;
    }

    /** The host as written, also when {@link URI} finds it no valid name (it leaves {@code 127.1} unparsed). */
    private static String hostOf(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static void validateDataUri(String value, DataUriLimit limit) throws InvalidInputException {
        Matcher m = DATA_URI.matcher(value);
        if (!m.matches()) {
            throw InvalidInputException.local(
                    FIELD, "is a data URI but not of the form data:video/<type>;base64,<data>");
        }
        String payload = m.group(2);
        long decoded = decodedLength(payload);
        if (decoded > limit.bytes()) {
            throw InvalidInputException.local(FIELD, "is a data URI holding " + limit.overBy(decoded));
        }
        if (payload.isEmpty()
                || payload.length() % 4 != 0
                || !BASE64.matcher(payload).matches()) {
            throw InvalidInputException.local(FIELD, "is a data URI whose base64 data is invalid or empty");
        }
        try {
            Base64.getDecoder().decode(payload.substring(Math.max(0, payload.length() - 8)));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.local(FIELD, "is a data URI whose base64 data is invalid");
        }
    }

    private static long decodedLength(String payload) {
        int pad = payload.endsWith("==") ? 2 : payload.endsWith("=") ? 1 : 0;
        return (long) payload.length() / 4 * 3 - pad;
    }

    /**
     * What identifies the video of a data URI (checked by {@link #validate}): media type, size and SHA-256, with no
     * name; null when {@code videoUri} is no data URI. Reuse matches a data URI by this SHA-256, as a file's.
     */
    public static InlineVideo describeDataUri(String videoUri) {
        Matcher m = videoUri == null ? null : DATA_URI.matcher(videoUri.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        byte[] video;
        try {
            video = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
        MessageDigest sha256 = VideoEncoder.sha256();
        return new InlineVideo(null, m.group(1), video.length, HexFormat.of().formatHex(sha256.digest(video)));
    }

    /**
     * A data URI becomes {@code data:<type>;base64,... (<n> bytes)}; URLs, and data URIs already abbreviated, are
     * returned unchanged.
     */
    public static String forDisplay(String videoUri) {
        if (videoUri == null) {
            return null;
        }
        Matcher m = DATA_URI.matcher(videoUri);
        if (m.matches() && BASE64.matcher(m.group(2)).matches()) {
            return "data:" + m.group(1) + ";base64,... (" + decodedLength(m.group(2)) + " bytes)";
        }
        return videoUri;
    }
}
