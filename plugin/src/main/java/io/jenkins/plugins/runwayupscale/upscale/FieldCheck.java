package io.jenkins.plugins.runwayupscale.upscale;

/**
 * The verdict on one form field, in plain Java so the rules can be tested without Jenkins; the form layer turns
 * it into a {@code FormValidation}.
 *
 * @param kind how bad it is
 * @param message what to tell the user, or null for a silent OK
 */
public record FieldCheck(Kind kind, String message) {
    /** The verdicts the form's checks give (Jenkins forms also know a warning; no check needs one). */
    public enum Kind {
        OK,
        ERROR
    }

    static FieldCheck ok() {
        return new FieldCheck(Kind.OK, null);
    }

    static FieldCheck ok(String message) {
        return new FieldCheck(Kind.OK, message);
    }

    static FieldCheck error(String message) {
        return new FieldCheck(Kind.ERROR, message);
    }
}
