package io.jenkins.plugins.runwayupscale.client;

/** Cuts text quoted from elsewhere so messages stay readable: bodies to 512 characters, values to less. */
public final class Excerpt {
    public static final int BODY_LIMIT = 512;

    private Excerpt() {}

    public static String cut(String text, int limit) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= limit) {
            return oneLine;
        }
        return oneLine.substring(0, Math.max(0, limit - 3)) + "...";
    }

    public static String body(String text) {
        return cut(text, BODY_LIMIT);
    }
}
