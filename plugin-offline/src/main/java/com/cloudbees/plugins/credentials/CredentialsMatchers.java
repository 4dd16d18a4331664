// Compile-only shim of credentials 1502.v5c95e620ddfe: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {}

    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException();
    }

    public static CredentialsMatcher withScope(CredentialsScope scope) {
        throw new UnsupportedOperationException();
    }
}
