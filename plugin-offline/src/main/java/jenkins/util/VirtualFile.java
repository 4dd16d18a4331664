// Compile-only shim of jenkins-core 2.541.3: only what plugin/ uses, real signatures. See plugin-offline/README.md.
package jenkins.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

public abstract class VirtualFile implements Comparable<VirtualFile>, Serializable {
    public abstract VirtualFile child(String name);

    public abstract boolean isFile() throws IOException;

    public abstract InputStream open() throws IOException;
}
