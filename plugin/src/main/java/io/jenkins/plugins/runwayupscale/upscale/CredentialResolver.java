package io.jenkins.plugins.runwayupscale.upscale;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns a credential id into the CometAPI key, once per build and again after a restart, so the key itself is
 * never stored anywhere but in Jenkins' credential store.
 */
public final class CredentialResolver {
    private final CredentialLookup lookup;

    public CredentialResolver(CredentialLookup lookup) {
        this.lookup = lookup;
    }

    /** The key of the Secret text credential {@code credentialsId}; the message says what is wrong and never the key. */
    public ApiKey resolve(Run<?, ?> run, String credentialsId) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new AbortException(Messages.UpscalePlan_NoCredential());
        }
        StringCredentials credential = lookup.find(credentialsId, StringCredentials.class, run);
        if (credential == null) {
            StandardCredentials other = lookup.find(credentialsId, StandardCredentials.class, run);
            if (other != null) {
                throw new AbortException(Messages.CredentialResolver_WrongType(credentialsId, lookup.typeOf(other)));
            }
            throw new AbortException(Messages.CredentialResolver_NotFound(credentialsId));
        }
        lookup.track(run, credential);
        Secret secret = credential.getSecret();
        try {
            return ApiKey.of(secret == null ? null : secret.getPlainText());
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.CredentialResolver_Unusable(credentialsId, e.getMessage()));
        }
    }
}
