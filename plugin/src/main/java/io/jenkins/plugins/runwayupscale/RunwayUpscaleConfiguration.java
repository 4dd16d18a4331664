package io.jenkins.plugins.runwayupscale;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.runwayupscale.client.EngineConfig;
import io.jenkins.plugins.runwayupscale.client.RunwaySettings;
import io.jenkins.plugins.runwayupscale.upscale.FieldChecks;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleDefaults;
import io.jenkins.plugins.runwayupscale.upscale.UpscaleLimits;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Runway Upscale's section of Manage Jenkins » System (and of Configuration as Code, as {@code runwayUpscale}):
 * CometAPI's base URL, the default credential, Runway version, model and timeout, and the request rate per key.
 * Blank means the built-in default.
 */
@Extension
@Symbol("runwayUpscale")
public class RunwayUpscaleConfiguration extends GlobalConfiguration {
    static final int DEFAULT_MAX_REQUESTS_PER_SECOND = (int) EngineConfig.DEFAULT_MAX_REQUESTS_PER_SECOND;

    private String baseUrl;
    private String credentialsId;
    private String runwayVersion;
    private String model;
    private int timeoutMinutes = UpscaleDefaults.TIMEOUT_MINUTES;
    private int maxRequestsPerSecond = DEFAULT_MAX_REQUESTS_PER_SECOND;
    private int maxDataUriMB = UpscaleLimits.MAX_DATA_URI_MB;
    private int maxDownloadMB = UpscaleLimits.MAX_DOWNLOAD_MB;
    private int downloadTimeoutMinutes = UpscaleLimits.DOWNLOAD_TIMEOUT_MINUTES;
    private int downloadIdleSeconds = UpscaleLimits.DOWNLOAD_IDLE_SECONDS;

    public RunwayUpscaleConfiguration() {
        load();
    }

    public static RunwayUpscaleConfiguration get() {
        return ExtensionList.lookupSingleton(RunwayUpscaleConfiguration.class);
    }

    /** The section's name in Manage Jenkins » System. */
    @Override
    public String getDisplayName() {
        return Messages.RunwayUpscaleConfiguration_DisplayName();
    }

    /** What every upscale starts from. */
    public UpscaleDefaults defaults() {
        return new UpscaleDefaults(
                baseUrl,
                credentialsId,
                runwayVersion,
                model,
                timeoutMinutes,
                new UpscaleLimits(maxDataUriMB, maxDownloadMB, downloadTimeoutMinutes, downloadIdleSeconds));
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    @DataBoundSetter
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = Util.fixEmptyAndTrim(baseUrl);
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public String getRunwayVersion() {
        return runwayVersion;
    }

    @DataBoundSetter
    public void setRunwayVersion(String runwayVersion) {
        this.runwayVersion = Util.fixEmptyAndTrim(runwayVersion);
        save();
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = Util.fixEmptyAndTrim(model);
        save();
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        // A blank form field binds as 0, which can only mean "the usual".
        this.timeoutMinutes = timeoutMinutes >= 1 ? timeoutMinutes : UpscaleDefaults.TIMEOUT_MINUTES;
        save();
    }

    /** The most requests per second this Jenkins sends with one CometAPI key, all its upscales together. */
    public int getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    @DataBoundSetter
    public void setMaxRequestsPerSecond(int maxRequestsPerSecond) {
        // A blank form field binds as 0, which can only mean "the usual".
        this.maxRequestsPerSecond = maxRequestsPerSecond >= 1 ? maxRequestsPerSecond : DEFAULT_MAX_REQUESTS_PER_SECOND;
        save();
    }

    /** The largest video a step may send inline, in MB; a step's dataUriLimitMB may lower it, never raise it. */
    public int getMaxDataUriMB() {
        return maxDataUriMB;
    }

    @DataBoundSetter
    public void setMaxDataUriMB(int maxDataUriMB) {
        // A blank form field binds as 0, which can only mean "the usual".
        this.maxDataUriMB = maxDataUriMB >= 1 ? maxDataUriMB : UpscaleLimits.MAX_DATA_URI_MB;
        save();
    }

    /** The largest output saved into a workspace, in MB. */
    public int getMaxDownloadMB() {
        return maxDownloadMB;
    }

    @DataBoundSetter
    public void setMaxDownloadMB(int maxDownloadMB) {
        this.maxDownloadMB = maxDownloadMB >= 1 ? maxDownloadMB : UpscaleLimits.MAX_DOWNLOAD_MB;
        save();
    }

    /** How long saving one output may take in all, in minutes. */
    public int getDownloadTimeoutMinutes() {
        return downloadTimeoutMinutes;
    }

    @DataBoundSetter
    public void setDownloadTimeoutMinutes(int downloadTimeoutMinutes) {
        this.downloadTimeoutMinutes =
                downloadTimeoutMinutes >= 1 ? downloadTimeoutMinutes : UpscaleLimits.DOWNLOAD_TIMEOUT_MINUTES;
        save();
    }

    /** How long a download may go without receiving a byte, in seconds. */
    public int getDownloadIdleSeconds() {
        return downloadIdleSeconds;
    }

    @DataBoundSetter
    public void setDownloadIdleSeconds(int downloadIdleSeconds) {
        this.downloadIdleSeconds = downloadIdleSeconds >= 1 ? downloadIdleSeconds : UpscaleLimits.DOWNLOAD_IDLE_SECONDS;
        save();
    }

    /** The built-in values, shown as placeholders so a blank field says what it means. */
    public String getBuiltInBaseUrl() {
        return RunwaySettings.DEFAULT_BASE_URL;
    }

    public String getBuiltInRunwayVersion() {
        return RunwaySettings.DEFAULT_RUNWAY_VERSION;
    }

    public String getBuiltInModel() {
        return RunwaySettings.DEFAULT_MODEL;
    }

    @POST
    public FormValidation doCheckBaseUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return UpscaleForm.toForm(FieldChecks.baseUrl(value));
    }

    @POST
    public FormValidation doCheckRunwayVersion(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return UpscaleForm.toForm(FieldChecks.runwayVersion(value));
    }

    @POST
    public FormValidation doCheckModel(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return UpscaleForm.toForm(FieldChecks.model(value));
    }

    @POST
    public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validatePositiveInteger(value);
    }

    @POST
    public FormValidation doCheckMaxRequestsPerSecond(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validatePositiveInteger(value);
    }

    @POST
    public FormValidation doCheckMaxDataUriMB(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validatePositiveInteger(value);
    }

    @POST
    public FormValidation doCheckMaxDownloadMB(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validatePositiveInteger(value);
    }

    @POST
    public FormValidation doCheckDownloadTimeoutMinutes(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validatePositiveInteger(value);
    }

    @POST
    public FormValidation doCheckDownloadIdleSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormValidation.validatePositiveInteger(value);
    }

    /** Blank is fine here: then every step must name its own credential. */
    @POST
    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return UpscaleForm.toForm(FieldChecks.defaultCredentialsId(value, FormCredentials::atRoot));
    }

    /** Only Global-scoped credentials: System-scoped ones are never given to builds. */
    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormCredentials.listAtRoot(credentialsId == null ? "" : credentialsId);
    }
}
