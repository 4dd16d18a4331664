package io.jenkins.plugins.runwayupscale.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which output URLs a task may name: https anywhere, plain http only on loopback (local simulators), and nothing
 * a shell would read as more than a word. Where they may be fetched from is {@link OutputHosts}' rule.
 */
public final class OutputUrls {
    /** Runway's upscale gives one output; a task naming more than this many is not a usable answer. */
    public static final int MAX_OUTPUTS = 16;

    private OutputUrls() {}

    /**
     * Why a task's outputs cannot be used at all, or null: more than {@link #MAX_OUTPUTS} of them, or one holding
     * something a shell would act on (see {@link #shellHazard}).
     */
    public static String refusal(List<String> outputs) {
        if (outputs.size() > MAX_OUTPUTS) {
            return "names " + outputs.size() + " outputs, more than the " + MAX_OUTPUTS + " accepted";
        }
        for (int i = 0; i < outputs.size(); i++) {
            String hazard = shellHazard(outputs.get(i));
            if (hazard != null) {
                return "has an output URL (number " + (i + 1) + ") holding " + hazard + ", which a shell would act on";
            }
        }
        return null;
    }

    /**
     * What in {@code url} a shell would act on, in words ("a backquote"), or null when there is nothing: quotes,
     * backquotes, {@code $}, backslashes, white space and control characters. Such a URL reaches {@code sh} steps
     * and scripts that interpolate it, so it is refused, never cleaned.
     */
    public static String shellHazard(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            String hazard =
                    switch (c) {
                        case '\'' -> "a single quote";
                        case '"' -> "a double quote";
                        case '`' -> "a backquote";
                        case '$' -> "a dollar sign";
                        case '\\' -> "a backslash";
                        default ->
                            Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                                    ? "white space or a control character"
                                    : null;
                    };
            if (hazard != null) {
                return hazard + " at position " + (i + 1);
            }
        }
        return null;
    }

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
