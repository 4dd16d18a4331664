package io.jenkins.plugins.runwayupscale.workspace;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import jenkins.MasterToSlaveFileCallable;

/**
 * Writes an earlier build's archived video into the workspace, on the agent, as {@code download} names it: streamed
 * from the controller (a remoting {@code RemoteInputStream}), into a part file that becomes the target only when its
 * SHA-256 is the one recorded when it was archived. A changed or cut archive leaves nothing.
 */
public final class RestoreToWorkspace extends MasterToSlaveFileCallable<SavedVideo> {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 64 * 1024;

    private final String path;
    private final String sha256;
    private final InputStream source;

    public RestoreToWorkspace(String path, String sha256, InputStream source) {
        this.path = path;
        this.sha256 = sha256;
        this.source = source;
    }

    @Override
    public SavedVideo invoke(File workspace, VirtualChannel channel) throws IOException {
        try {
            return restore(workspace);
        } catch (AbortException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Told in words, without the exception as a cause: a remote artifact store's cause could hold a library
            // class, which the controller's class filter would reject.
            throw new AbortException(Messages.RestoreToWorkspace_Failed(path, String.valueOf(e)));
        }
    }

    private SavedVideo restore(File workspace) throws IOException {
        try (InputStream in = source) {
            String relative = WorkspaceFiles.checkTarget(path, DownloadToWorkspace.FIELD);
            Path target = WorkspaceFiles.writable(workspace, relative, DownloadToWorkspace.FIELD);
            Path part = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
            boolean done = false;
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long bytes = 0;
                try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW)) {
                    byte[] buffer = new byte[CHUNK];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                        bytes += n;
                    }
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(sha256)) {
                    throw new AbortException(Messages.RestoreToWorkspace_Changed(relative, sha256, actual));
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                done = true;
                return new SavedVideo(relative, bytes, actual, null);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            } finally {
                if (!done) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RestoreToWorkspace[" + path + "]";
    }
}
