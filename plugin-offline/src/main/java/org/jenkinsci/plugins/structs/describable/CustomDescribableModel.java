// Compile-only shim of structs 362.va_b_695ef4fdf9: only what plugin/ uses, real signatures. See
// plugin-offline/README.md.
package org.jenkinsci.plugins.structs.describable;

import java.util.Map;

public interface CustomDescribableModel {
    default Map<String, Object> customInstantiate(Map<String, Object> arguments) {
        throw new UnsupportedOperationException();
    }

    default UninstantiatedDescribable customUninstantiate(UninstantiatedDescribable ud) {
        throw new UnsupportedOperationException();
    }
}
