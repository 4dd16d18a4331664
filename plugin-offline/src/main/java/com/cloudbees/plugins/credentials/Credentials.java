// Compile-only shim of credentials 1502.v5c95e620ddfe: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    CredentialsScope getScope();

    @Override
    CredentialsDescriptor getDescriptor();
}
