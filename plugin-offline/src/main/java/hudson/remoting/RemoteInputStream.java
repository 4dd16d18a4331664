// Compile-only shim of remoting 3352.v17a_fb_4b_2773f (bundled with jenkins-core 2.541.3): only what plugin/ uses, real
// signatures. See plugin-offline/README.md.
package hudson.remoting;

import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public class RemoteInputStream extends InputStream implements SerializableOnlyOverRemoting {
    public RemoteInputStream(InputStream core, Flag f) {}

    @Override
    public int read() throws IOException {
        throw new UnsupportedOperationException();
    }

    public enum Flag {
        GREEDY,
        NOT_GREEDY,
        MANUAL_UNEXPORT
    }
}
