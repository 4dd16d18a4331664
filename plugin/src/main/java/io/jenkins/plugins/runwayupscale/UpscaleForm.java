package io.jenkins.plugins.runwayupscale;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.runwayupscale.reuse.ReuseMode;
import io.jenkins.plugins.runwayupscale.upscale.FieldCheck;
import io.jenkins.plugins.runwayupscale.upscale.FieldChecks;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form the Pipeline step and the freestyle build step share ({@code RunwayUpscaleBuilder/config.jelly}): both
 * descriptors implement this, so each validation and the credential drop-down is written once. Each answers only
 * users who may configure the job (or administer Jenkins, outside a job).
 */
public interface UpscaleForm {
    /** Every field of the shared form; their help texts live beside the Pipeline step, where structs reads them. */
    List<String> FIELDS = List.of(
            "videoUri",
            "videoFile",
            "credentialsId",
            "archive",
            "download",
            "archiveVideo",
            "model",
            "runwayVersion",
            "timeoutMinutes",
            "options",
            "dataUriLimitMB",
            "reuse");

    @POST
    default FormValidation doCheckVideoUri(
            @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String videoFile) {
        return mayConfigure(item) ? toForm(FieldChecks.videoUri(value, videoFile)) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckVideoFile(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? toForm(FieldChecks.workspacePath(value, "videoFile")) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckDownload(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? toForm(FieldChecks.workspacePath(value, "download")) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckOptions(@AncestorInPath Item item, @QueryParameter String value) {
        return mayConfigure(item) ? toForm(FieldChecks.optionLines(value)) : FormValidation.ok();
    }

    /** The three ways to reuse an earlier result; the first, content, is the default. */
    @POST
    default ListBoxModel doFillReuseItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(new ListBoxModel.Option(Messages.UpscaleForm_ReuseContent(), ReuseMode.CONTENT.parameter()));
        items.add(new ListBoxModel.Option(Messages.UpscaleForm_ReuseUri(), ReuseMode.URI.parameter()));
        items.add(new ListBoxModel.Option(Messages.UpscaleForm_ReuseNever(), ReuseMode.NEVER.parameter()));
        return items;
    }

    @POST
    default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        return mayListCredentials(item) ? checkCredentialsId(item, value) : FormValidation.ok();
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
        String current = credentialsId == null ? "" : credentialsId;
        if (!mayListCredentials(item)) {
            return FormCredentials.currentOnly(current);
        }
        return item == null ? FormCredentials.listAtRoot(current) : FormCredentials.listInJob(item, current);
    }

    /** Configure the job, or administer Jenkins when there is no job (the global Snippet Generator). */
    static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /**
     * The credentials plugin's rule for listing a job's credentials: see its configuration or use its credentials
     * (administer Jenkins when there is no job).
     */
    static boolean mayListCredentials(Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Checks a credential id as a build of the job would find it, or at the root when {@code item} is null. */
    static FormValidation checkCredentialsId(Item item, String value) {
        return toForm(FieldChecks.credentialsId(
                value,
                RunwayUpscaleConfiguration.get().getCredentialsId(),
                id -> item == null ? FormCredentials.atRoot(id) : FormCredentials.inJob(item, id)));
    }

    static FormValidation toForm(FieldCheck check) {
        String message = check.message();
        return switch (check.kind()) {
            case OK -> message == null ? FormValidation.ok() : FormValidation.ok(message);
            case ERROR -> FormValidation.error(message);
        };
    }
}
