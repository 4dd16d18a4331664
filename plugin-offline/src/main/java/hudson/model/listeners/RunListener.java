// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Run;

public abstract class RunListener<R extends Run> implements ExtensionPoint {
    protected RunListener() {}

    public void onDeleted(R r) {}
}
