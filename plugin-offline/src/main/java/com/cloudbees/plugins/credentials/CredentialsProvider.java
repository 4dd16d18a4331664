// Compile-only shim of credentials 1502.v5c95e620ddfe: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission USE_ITEM = null;

    public CredentialsProvider() {}

    public static <C extends IdCredentials> C findCredentialByIdInItemGroup(
            String id,
            Class<C> type,
            ItemGroup<?> itemGroup,
            Authentication authentication,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    public static <C extends IdCredentials> C findCredentialByIdInItem(
            String id,
            Class<C> type,
            Item item,
            Authentication authentication,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException();
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException();
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException();
    }
}
