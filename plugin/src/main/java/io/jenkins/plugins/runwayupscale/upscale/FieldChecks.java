package io.jenkins.plugins.runwayupscale.upscale;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.ModelOptions;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.client.VideoUris;
import io.jenkins.plugins.runwayupscale.workspace.DownloadToWorkspace;
import io.jenkins.plugins.runwayupscale.workspace.WorkspaceFiles;
import java.util.function.Function;

/** The rules behind every form field of the step, the build step and the global configuration. */
public final class FieldChecks {
    private FieldChecks() {}

    public static FieldCheck videoUri(String value) {
        return videoUri(value, null);
    }

    /** The video URI, given that exactly one of it and the workspace video file is needed. */
    public static FieldCheck videoUri(String value, String videoFile) {
        boolean fileGiven = videoFile != null && !videoFile.isBlank();
        if (value == null || value.isBlank()) {
            return fileGiven ? FieldCheck.ok() : FieldCheck.error(Messages.FieldChecks_VideoUriRequired());
        }
        if (fileGiven) {
            return FieldCheck.error(Messages.UpscalePlan_TwoVideos());
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

    /** A workspace path (videoFile, download): optional, relative, inside the workspace. */
    public static FieldCheck workspacePath(String value, String field) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok();
        }
        if (value.contains("$")) {
            return FieldCheck.ok(Messages.FieldChecks_ResolvedAtBuildTime());
        }
        try {
            if (field.equals(DownloadToWorkspace.FIELD)) {
                WorkspaceFiles.checkTarget(value, field);
            } else {
                WorkspaceFiles.checkRelative(value, field);
            }
            return FieldCheck.ok();
        } catch (AbortException e) {
            return FieldCheck.error(e.getMessage());
        }
    }

    /** Model options as key=value lines. */
    public static FieldCheck optionLines(String value) {
        if (value != null && value.contains("$")) {
            return FieldCheck.ok(Messages.FieldChecks_ResolvedAtBuildTime());
        }
        try {
            ModelOptions.parseLines(value, "options");
            return FieldCheck.ok();
        } catch (InvalidInputException e) {
            return FieldCheck.error(e.getMessage());
        }
    }

    /**
     * The credential of a step's form: looked up once as the build would look it up, and judged by the build's rule.
     *
     * @param defaultId the global default credential id, used when the field is blank
     * @param find the credential with an id, of any type, or null
     */
    public static FieldCheck credentialsId(String value, String defaultId, Function<String, IdCredentials> find) {
        if (value == null || value.isBlank()) {
            if (defaultId == null || defaultId.isBlank()) {
                return FieldCheck.error(Messages.UpscalePlan_NoCredential());
            }
            return FieldCheck.ok(Messages.FieldChecks_UsesDefaultCredential(defaultId));
        }
        if (value.contains("${")) {
            return FieldCheck.ok(Messages.FieldChecks_ResolvedAtBuildTime());
        }
        return usableByBuilds(value.trim(), find);
    }

    /**
     * The global default credential: blank is fine (then every step names its own), else it must be one that builds
     * can use.
     *
     * @param find the credential with an id at the root of Jenkins, of any type and scope, or null
     */
    public static FieldCheck defaultCredentialsId(String value, Function<String, IdCredentials> find) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok();
        }
        return usableByBuilds(value.trim(), find);
    }

    /** A Secret text credential, and not System-scoped: only Jenkins itself may use those, never a build. */
    private static FieldCheck usableByBuilds(String id, Function<String, IdCredentials> find) {
        IdCredentials found = find.apply(id);
        try {
            CredentialResolver.secretText(id, found);
        } catch (AbortException e) {
            return FieldCheck.error(e.getMessage());
        }
        if (found.getScope() == CredentialsScope.SYSTEM) {
            return FieldCheck.error(Messages.FieldChecks_SystemScoped(id));
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
