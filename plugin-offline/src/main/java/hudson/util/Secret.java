// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private Secret() {}

    public String getPlainText() {
        throw new UnsupportedOperationException();
    }
}
