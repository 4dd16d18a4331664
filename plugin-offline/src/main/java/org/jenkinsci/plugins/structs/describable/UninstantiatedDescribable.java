// Compile-only shim of structs 362.va_b_695ef4fdf9: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package org.jenkinsci.plugins.structs.describable;

import java.io.Serializable;
import java.util.Map;

public class UninstantiatedDescribable implements Serializable {
    public UninstantiatedDescribable(Map<String, ?> arguments) {}

    public UninstantiatedDescribable withArguments(Map<String, ?> arguments) {
        throw new UnsupportedOperationException();
    }

    public Map<String, ?> getArguments() {
        throw new UnsupportedOperationException();
    }
}
