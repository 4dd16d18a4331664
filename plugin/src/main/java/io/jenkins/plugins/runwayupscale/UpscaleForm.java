package io.jenkins.plugins.runwayupscale;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.runwayupscale.upscale.CredentialLookup;
import io.jenkins.plugins.runwayupscale.upscale.FieldCheck;
import io.jenkins.plugins.runwayupscale.upscale.FieldChecks;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form the Pipeline step and the freestyle build step share ({@code RunwayUpscaleBuilder/config.jelly}): both
 * descriptors implement this, so each validation and the credential drop-down is written once. Each answers only
 * users who may configure the job (or administer Jenkins, outside a job).
 */
public interface UpscaleForm {
    /** Every field of the shared form; their help texts live beside the build step. */
    List<String> FIELDS = List.of("videoUri", "credentialsId", "model", "runwayVersion", "timeoutMinutes", "archive");

    @POST
    default FormValidation doCheckVideoUri(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? toForm(FieldChecks.videoUri(value)) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? checkCredentialsId(item, value) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckModel(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? toForm(FieldChecks.model(value)) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckRunwayVersion(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? toForm(FieldChecks.runwayVersion(value)) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? toForm(FieldChecks.timeoutMinutes(value)) : FormValidation.ok();
    }

    /** Secret text credentials the job can use; to others only the current value, so nothing is disclosed. */
    @POST
    default ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return credentialsIdItems(item, credentialsId, mayConfigure(item));
    }

    /** Configure the job, or administer Jenkins when there is no job (the global Snippet Generator). */
    static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** Checks a credential id in the context of the job, or of Jenkins when {@code item} is null. */
    static FormValidation checkCredentialsId(Item item, String value) {
        return toForm(FieldChecks.credentialsId(
                value, RunwayUpscaleConfiguration.get().getCredentialsId(), id -> {
                    if (CredentialsProvider.findCredentialByIdInItem(
                                    id, StringCredentials.class, item, ACL.SYSTEM2, List.of())
                            != null) {
                        return new FieldChecks.CredentialProbe.Found("", true);
                    }
                    StandardCredentials other = CredentialsProvider.findCredentialByIdInItem(
                            id, StandardCredentials.class, item, ACL.SYSTEM2, List.of());
                    return other == null
                            ? null
                            : new FieldChecks.CredentialProbe.Found(CredentialLookup.JENKINS.typeOf(other), false);
                }));
    }

    /** The drop-down for a job, or for Jenkins when {@code item} is null; {@code full} false shows only the value. */
    static ListBoxModel credentialsIdItems(Item item, String credentialsId, boolean full) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = credentialsId == null ? "" : credentialsId;
        if (!full) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeAs(ACL.SYSTEM2, item, StringCredentials.class, List.of())
                .includeCurrentValue(current);
    }

    static FormValidation toForm(FieldCheck check) {
        String message = check.message();
        return switch (check.kind()) {
            case OK -> message == null ? FormValidation.ok() : FormValidation.ok(message);
            case ERROR -> FormValidation.error(message);
        };
    }
}
