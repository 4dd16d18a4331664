// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {
    public Tasks() {}

    public static Authentication getAuthenticationOf2(Queue.Task t) {
        throw new UnsupportedOperationException();
    }
}
