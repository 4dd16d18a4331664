// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package jenkins.security;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import jenkins.util.InterceptingExecutorService;
import org.springframework.security.core.Authentication;

public final class ImpersonatingExecutorService extends InterceptingExecutorService {
    public ImpersonatingExecutorService(ExecutorService base, Authentication authentication) {
        super(base);
    }

    @Override
    protected Runnable wrap(Runnable r) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected <V> Callable<V> wrap(Callable<V> r) {
        throw new UnsupportedOperationException();
    }
}
