// Compile-only shim of credentials 1502.v5c95e620ddfe: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
