package io.jenkins.plugins.runwayupscale.upscale;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.runwayupscale.client.ApiKey;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns a credential id into the CometAPI key, once per build and again after a restart, so the key itself is
 * never stored anywhere but in Jenkins' credential store. Builds and forms judge a credential by the same rule,
 * {@link #secretText}.
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
        StringCredentials credential = secretText(credentialsId, lookup.find(credentialsId, run));
        lookup.track(run, credential);
        Secret secret = credential.getSecret();
        try {
            return ApiKey.of(secret == null ? null : secret.getPlainText());
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.CredentialResolver_Unusable(credentialsId, e.getMessage()));
        }
    }

    /**
     * What one lookup of {@code id} found, as the Secret text credential the key must be in; the message of a
     * mismatch names both the expected and the found type.
     */
    public static StringCredentials secretText(String id, IdCredentials found) throws AbortException {
        if (found == null) {
            throw new AbortException(Messages.CredentialResolver_NotFound(id));
        }
        if (!StringCredentials.class.isInstance(found)) {
            throw new AbortException(Messages.CredentialResolver_WrongType(
                    id, typeName(found), StringCredentials.class.getSimpleName()));
        }
        return StringCredentials.class.cast(found);
    }

    /** The kind of credential as people see it in Jenkins ("Username with password", ...). */
    static String typeName(Credentials credentials) {
        CredentialsDescriptor descriptor = credentials.getDescriptor();
        String name = descriptor == null ? null : descriptor.getDisplayName();
        return name == null || name.isBlank() ? credentials.getClass().getSimpleName() : name;
    }
}
