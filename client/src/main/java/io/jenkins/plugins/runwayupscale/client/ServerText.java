package io.jenkins.plugins.runwayupscale.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text a server sent, made safe to show and store: every string taken from an answer passes through here after
 * JSON decoding. Control characters (C0, DEL, C1), format characters (bidi controls, zero-width spaces) and line
 * or paragraph separators become spaces, runs of white space one space, the key (even when the server sent it escaped) {@code ****}, and the
 * text is cut to a length.
 */
final class ServerText {
    /** Messages and quoted bodies. */
    static final int MESSAGE_LIMIT = Excerpt.BODY_LIMIT;
    /** Runway's failure text. */
    static final int FAILURE_LIMIT = 1000;
    /** Status names, failure codes, error codes, request ids, dates. */
    static final int SHORT_LIMIT = 128;
    /** Output URLs (pre-signed URLs are long, but not longer). */
    static final int URL_LIMIT = 4096;

    private final ApiKey key;

    ServerText(ApiKey key) {
        this.key = key;
    }

    /** The decoded text made safe and at most {@code limit} characters long; null stays null. */
    String clean(String text, int limit) {
        if (text == null) {
            return null;
        }
        return cut(redact(sanitize(text)), limit);
    }

    /**
     * A body quoted in a message. JSON is decoded and written back compactly (so an escaped key is seen as the
     * key); anything else has its {@code \}{@code uXXXX} escapes read for the same reason.
     */
    String excerpt(String body, int limit) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode root = Json.tryParse(body);
        return clean(root != null ? root.toString() : unescape(body), limit);
    }

    private String redact(String text) {
        return key == null ? text : key.redact(text);
    }

    /** Unsafe characters become spaces, white space runs one space, ends stripped. */
    static String sanitize(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), 1 << 16));
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean blank = isUnsafe(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (blank) {
                space = true;
                continue;
            }
            if (space && safe.length() > 0) {
                safe.append(' ');
            }
            space = false;
            if (c <= 0xFFFF && Character.isSurrogate((char) c)) {
                safe.append('\uFFFD');
            } else {
                safe.appendCodePoint(c);
            }
        }
        return safe.toString();
    }

    /**
     * Whether the character may never be shown: it moves the cursor, changes the terminal, reorders text or is
     * invisible (C0, DEL, C1, every Unicode format character such as the bidi controls U+202A-U+202E and
     * U+2066-U+2069 or zero-width spaces, and the line and paragraph separators U+2028, U+2029).
     */
    static boolean isUnsafe(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029;
    }

    /** At most {@code limit} characters, ending in "..." when cut, never splitting a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Math.max(0, limit - 3);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /** Reads {@code \}{@code uXXXX} escapes as JSON would; everything else is left as it is. */
    static String unescape(String text) {
        if (text.indexOf("\\u") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u' && isHex(text, i + 2)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from) {
        if (from + 4 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
