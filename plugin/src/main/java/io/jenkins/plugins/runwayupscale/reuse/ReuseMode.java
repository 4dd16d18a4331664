package io.jenkins.plugins.runwayupscale.reuse;

import java.util.Locale;

/** When an upscale may take the result of an earlier one of the same job instead of submitting (and paying) again. */
public enum ReuseMode {
    /** The same video content (its SHA-256), model, options and Runway version: a workspace video or a data URI. */
    CONTENT,
    /** As CONTENT, and also the same video URL as written: the video behind a URL can change, so only on request. */
    URI,
    /** Always submit. */
    NEVER;

    /** The parameter's value ({@code content}, {@code uri}, {@code never}, any case); blank means CONTENT. */
    public static ReuseMode of(String value) {
        if (value == null || value.isBlank()) {
            return CONTENT;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** As written in a Jenkinsfile. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
