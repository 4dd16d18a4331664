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
        public IdCredentials find(String id, Run<?, ?> run) {
            return CredentialsProvider.findCredentialById(id, IdCredentials.class, run);
        }

        @Override
        public void track(Run<?, ?> run, Credentials credentials) {
            CredentialsProvider.track(run, credentials);
        }
    };

    /** The credential of this id that the build may use, whatever its type, or null. */
    IdCredentials find(String id, Run<?, ?> run);

    /** Records that the build used the credential (its fingerprint then lists the build). */
    void track(Run<?, ?> run, Credentials credentials);
}
