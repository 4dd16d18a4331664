// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson;

import hudson.model.TaskListener;

public abstract class Launcher {
    protected Launcher(Launcher launcher) {}

    public static class LocalLauncher extends Launcher {
        public LocalLauncher(TaskListener listener) {
            super((Launcher) null);
        }
    }
}
