// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

public final class BuildListenerAdapter implements BuildListener {
    public BuildListenerAdapter(TaskListener delegate) {}

    @Override
    public PrintStream getLogger() {
        throw new UnsupportedOperationException();
    }

    public static BuildListener wrap(TaskListener l) {
        throw new UnsupportedOperationException();
    }
}
