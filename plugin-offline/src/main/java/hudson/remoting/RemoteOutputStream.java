// Compile-only shim of remoting 3352.v17a_fb_4b_2773f (bundled with jenkins-core 2.541.3): only what plugin/ uses, real
// signatures. See plugin-offline/README.md.
package hudson.remoting;

import java.io.IOException;
import java.io.OutputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class RemoteOutputStream extends OutputStream implements SerializableOnlyOverRemoting {
    public RemoteOutputStream(OutputStream core) {}

    @Override
    public void write(int b) throws IOException {
        throw new UnsupportedOperationException();
    }
}
