package io.jenkins.plugins.runwayupscale.upscale;

import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.VideoUris;

/** The rules behind every form field of the step, the build step and the global configuration. */
public final class FieldChecks {
    private FieldChecks() {}

    /** What the form knows about a credential id: nothing, or its type. */
    @FunctionalInterface
    public interface CredentialProbe {
        /** Null when no credential with this id is visible; else its type and whether it is Secret text. */
        Found find(String id);

        /**
         * A credential that exists.
         *
         * @param typeName its kind as Jenkins shows it
         * @param secretText whether it is a Secret text credential
         */
        record Found(String typeName, boolean secretText) {}
    }

    public static FieldCheck videoUri(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.error(Messages.FieldChecks_VideoUriRequired());
        }
        if (value.contains("$")) {
            return FieldCheck.ok(Messages.FieldChecks_ResolvedAtBuildTime());
        }
        try {
            VideoUris.validate(value);
            return FieldCheck.ok();
        } catch (InvalidInputException e) {
            return FieldCheck.error(e.getMessage());
        }
    }

    /**
     * @param defaultId the global default credential id, used when the field is blank
     */
    public static FieldCheck credentialsId(String value, String defaultId, CredentialProbe probe) {
        if (value == null || value.isBlank()) {
            if (defaultId == null || defaultId.isBlank()) {
                return FieldCheck.error(Messages.UpscalePlan_NoCredential());
            }
            return FieldCheck.ok(Messages.FieldChecks_UsesDefaultCredential(defaultId));
        }
        if (value.contains("${")) {
            return FieldCheck.ok(Messages.FieldChecks_ResolvedAtBuildTime());
        }
        CredentialProbe.Found found = probe.find(value.trim());
        if (found == null) {
            return FieldCheck.error(Messages.CredentialResolver_NotFound(value.trim()));
        }
        if (!found.secretText()) {
            return FieldCheck.error(Messages.CredentialResolver_WrongType(value.trim(), found.typeName()));
        }
        return FieldCheck.ok();
    }

    public static FieldCheck timeoutMinutes(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok(Messages.FieldChecks_DefaultTimeout());
        }
        try {
            int minutes = Integer.parseInt(value.trim());
            return minutes >= 1 ? FieldCheck.ok() : FieldCheck.error(Messages.UpscalePlan_BadTimeout(minutes));
        } catch (NumberFormatException e) {
            return FieldCheck.error(Messages.FieldChecks_NotANumber(value.trim()));
        }
    }

    public static FieldCheck baseUrl(String value) {
        return settingsCheck(RunwaySettings.builder().baseUrl(value));
    }

    public static FieldCheck runwayVersion(String value) {
        return settingsCheck(RunwaySettings.builder().runwayVersion(value));
    }

    public static FieldCheck model(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok();
        }
        return settingsCheck(RunwaySettings.builder().model(value));
    }

    /** The client's own rules, so the form and the build can never disagree. */
    private static FieldCheck settingsCheck(RunwaySettings.Builder settings) {
        try {
            settings.build();
            return FieldCheck.ok();
        } catch (InvalidInputException e) {
            return FieldCheck.error(e.getMessage());
        }
    }
}
