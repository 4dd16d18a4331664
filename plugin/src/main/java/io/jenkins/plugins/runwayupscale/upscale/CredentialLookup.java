package io.jenkins.plugins.runwayupscale.upscale;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;

/** Finds credentials for a build; the seam that lets credential handling be tested without Jenkins. */
public interface CredentialLookup {
    /** The credentials plugin's lookup in the context of the build, and its usage tracking. */
    CredentialLookup JENKINS = new CredentialLookup() {
        @Override
        public <C extends IdCredentials> C find(String id, Class<C> type, Run<?, ?> run) {
            return CredentialsProvider.findCredentialById(id, type, run);
        }

        @Override
        public void track(Run<?, ?> run, Credentials credentials) {
            CredentialsProvider.track(run, credentials);
        }

        @Override
        public String typeOf(Credentials credentials) {
            return credentials.getDescriptor().getDisplayName();
        }
    };

    /** The credential of this id and type that the build may use, or null. */
    <C extends IdCredentials> C find(String id, Class<C> type, Run<?, ?> run);

    /** Records that the build used the credential (its fingerprint then lists the build). */
    void track(Run<?, ?> run, Credentials credentials);

    /** The kind of credential as people see it in Jenkins ("Username with password", ...). */
    String typeOf(Credentials credentials);
}
