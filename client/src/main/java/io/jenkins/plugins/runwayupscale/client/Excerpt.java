package io.jenkins.plugins.runwayupscale.client;

/**
 * Cuts text quoted in messages so they stay readable and safe: on one line, without control or bidi characters
 * (see {@link ServerText}), bodies to 512 characters, values to less.
 */
public final class Excerpt {
    public static final int BODY_LIMIT = 512;

    private Excerpt() {}

    public static String cut(String text, int limit) {
        if (text == null) {
            return "";
        }
        return ServerText.cut(ServerText.sanitize(text), limit);
    }

    public static String body(String text) {
        return cut(text, BODY_LIMIT);
    }
}
