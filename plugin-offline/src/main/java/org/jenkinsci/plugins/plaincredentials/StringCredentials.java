// Compile-only shim of plain-credentials 199.v9f8e1f741799: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
