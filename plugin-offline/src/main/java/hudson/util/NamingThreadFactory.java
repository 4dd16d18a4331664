// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson.util;

import java.util.concurrent.ThreadFactory;

public final class NamingThreadFactory implements ThreadFactory {
    public NamingThreadFactory(ThreadFactory delegate, String name) {}

    @Override
    public Thread newThread(Runnable r) {
        throw new UnsupportedOperationException();
    }
}
