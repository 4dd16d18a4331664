package io.jenkins.plugins.runwayupscale.workspace;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.runwayupscale.client.DataUriLimit;
import io.jenkins.plugins.runwayupscale.client.InvalidInputException;
import io.jenkins.plugins.runwayupscale.client.VideoTypes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import jenkins.MasterToSlaveFileCallable;

/**
 * Copies a video of the workspace, on the agent that holds it, into a stream of the controller (a remoting
 * {@code RemoteOutputStream}), as it is: the controller encodes it for the request from its own copy, so no
 * encoded video ever crosses the channel or sits in memory. Refuses, before a byte is copied, a path outside the
 * workspace, a missing file, a file that is not a video and one over the data-URI limit; stops copying as soon as a
 * file that grows passes the limit.
 *
 * <p>Only JDK values and types of the plugin's own jar cross the channel, in either direction: Jenkins' class filter
 * rejects the client library's classes on every real agent.
 */
public final class ReadVideoFile extends MasterToSlaveFileCallable<CopiedVideo> {
    private static final long serialVersionUID = 1L;
    /** The parameter's name, as messages show it. */
    public static final String FIELD = "videoFile";

    private static final int CHUNK = 64 * 1024;

    private final String path;
    private final long limitBytes;
    private final String limitSource;
    private final OutputStream sink;

    /**
     * @param sink where the bytes go; closed when the copy ends, whether it succeeded or not
     */
    public ReadVideoFile(String path, DataUriLimit limit, OutputStream sink) {
        this.path = path;
        this.limitBytes = limit.bytes();
        this.limitSource = limit.source();
        this.sink = sink;
    }

    @Override
    public CopiedVideo invoke(File workspace, VirtualChannel channel) throws IOException {
        try (OutputStream out = sink) {
            String relative = WorkspaceFiles.checkRelative(path, FIELD);
            Path file = WorkspaceFiles.existing(workspace, relative, FIELD);
            DataUriLimit limit = new DataUriLimit(limitBytes, limitSource);
            limit.check("'" + relative + "'", Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                return copy(relative, in, out, limit);
            }
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.ReadVideoFile_Failed(e.getMessage()));
        }
    }

    private static CopiedVideo copy(String name, InputStream in, OutputStream out, DataUriLimit limit)
            throws IOException, InvalidInputException {
        MessageDigest sha256 = sha256();
        byte[] head = in.readNBytes(VideoTypes.HEAD_LENGTH);
        String type = VideoTypes.sniff(name, head, head.length);
        long total = head.length;
        sha256.update(head);
        out.write(head);
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            // The file may grow while it is read (a renderer still writing it).
            limit.check("'" + name + "' (read so far)", total);
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return new CopiedVideo(name, type, total, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Names the file, never the stream. */
    @Override
    public String toString() {
        return "ReadVideoFile[" + path + "]";
    }
}
