// Compile-only shim of remoting 3352.v17a_fb_4b_2773f (bundled with jenkins-core 2.541.3): only what plugin/ uses, real
// signatures. See plugin-offline/README.md.
package hudson.remoting;

public interface VirtualChannel {
    void syncLocalIO() throws InterruptedException;
}
