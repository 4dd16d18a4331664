package io.jenkins.plugins.runwayupscale.workspace;

import hudson.AbortException;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Resolves the workspace paths a user gives ({@code videoFile}, {@code download}) so that nothing is read or
 * written outside the workspace: relative paths only, no {@code ..} that climbs out, and no symbolic link that
 * leads out. Works on plain files; the callables run it on the agent that holds the workspace.
 */
public final class WorkspaceFiles {
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^([A-Za-z]:|[\\\\/]).*", Pattern.DOTALL);

    private WorkspaceFiles() {}

    /**
     * Checks the form of a workspace path without touching any file, so a bad one is refused before anything is
     * sent; returns it trimmed with '/' separators.
     *
     * @param field the parameter's name, for the message
     */
    public static String checkRelative(String path, String field) throws AbortException {
        if (path == null || path.isBlank()) {
            throw new AbortException(Messages.WorkspaceFiles_Blank(field));
        }
        String value = path.strip().replace('\\', '/');
        if (WINDOWS_ABSOLUTE.matcher(value).matches() || value.indexOf('\0') >= 0) {
            throw new AbortException(Messages.WorkspaceFiles_NotRelative(field, value));
        }
        int depth = 0;
        for (String segment : value.split("/")) {
            if (segment.equals("..")) {
                depth--;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                throw new AbortException(Messages.WorkspaceFiles_OutsideWorkspace(field, value));
            }
        }
        if (depth == 0 || value.endsWith("/")) {
            throw new AbortException(Messages.WorkspaceFiles_NotAFile(field, value));
        }
        return value;
    }

    /**
     * Checks the form of a path to write ({@code download}): as {@link #checkRelative}, and without {@code .} or
     * {@code ..} segments, which would name a folder ({@code a/b/..}) or another file than the one written.
     */
    public static String checkTarget(String path, String field) throws AbortException {
        String value = checkRelative(path, field);
        for (String segment : value.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new AbortException(Messages.WorkspaceFiles_DotSegment(field, value));
            }
        }
        return value;
    }

    /**
     * Checks, without creating or changing anything, that {@link #writable} would accept the path: every folder on
     * the way that exists is a folder inside the workspace (links resolved), and the file, if it exists, is not a
     * folder nor a link that leads outside. Run before anything is sent, so a paid task never meets a refusal.
     */
    public static void checkWritable(File workspace, String path, String field) throws IOException {
        String relative = checkTarget(path, field);
        if (!workspace.exists()) {
            return; // created with every folder on the way when the output is saved
        }
        Path root = realRoot(workspace, field, relative);
        Path current = root;
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                continue;
            }
            Path next = current.resolve(segments[i]);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(next)) {
                    throw new AbortException(Messages.WorkspaceFiles_LinkOutside(field, relative));
                }
                return; // created inside the folder reached so far
            }
            boolean last = i == segments.length - 1;
            if (last && Files.isSymbolicLink(next) && !inside(root, next)) {
                throw new AbortException(Messages.WorkspaceFiles_LinkOutside(field, relative));
            }
            if (last) {
                if (Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                    throw new AbortException(Messages.WorkspaceFiles_NotAFile(field, relative));
                }
                return;
            }
            Path real = next.toRealPath();
            if (!real.startsWith(root)) {
                throw new AbortException(Messages.WorkspaceFiles_LinkOutside(field, relative));
            }
            if (!Files.isDirectory(real)) {
                throw new AbortException(Messages.WorkspaceFiles_NotAFolder(field, relative, root.relativize(next)));
            }
            current = real;
        }
    }

    /** An existing file inside the workspace, links resolved, for reading. */
    public static Path existing(File workspace, String path, String field) throws IOException {
        String relative = checkRelative(path, field);
        Path root = realRoot(workspace, field, relative);
        Path file = root.resolve(relative).normalize();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new AbortException(Messages.WorkspaceFiles_Missing(field, relative, workspace));
        }
        Path real = file.toRealPath();
        if (!real.startsWith(root)) {
            throw new AbortException(Messages.WorkspaceFiles_LinkOutside(field, relative));
        }
        if (!Files.isRegularFile(real)) {
            throw new AbortException(Messages.WorkspaceFiles_NotAFile(field, relative));
        }
        return real;
    }

    /**
     * Where a file may be written inside the workspace: its folder is created (inside the workspace) when missing;
     * the file itself may exist and is then replaced, unless it is a folder or a link that leads outside.
     */
    public static Path writable(File workspace, String path, String field) throws IOException {
        String relative = checkTarget(path, field);
        Files.createDirectories(workspace.toPath());
        Path root = realRoot(workspace, field, relative);
        Path file = root.resolve(relative).normalize();
        Path folder = createFolder(root, file.getParent(), field, relative);
        Path target = folder.resolve(file.getFileName());
        if (Files.isSymbolicLink(target) && !inside(root, target)) {
            throw new AbortException(Messages.WorkspaceFiles_LinkOutside(field, relative));
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new AbortException(Messages.WorkspaceFiles_NotAFile(field, relative));
        }
        return target;
    }

    /** Creates the folders one by one, checking each existing one, so no link inside the path leads out. */
    private static Path createFolder(Path root, Path folder, String field, String relative) throws IOException {
        Path current = root;
        for (Path segment : root.relativize(folder)) {
            Path next = current.resolve(segment);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException e) {
                    // A parallel branch created it meanwhile; it is checked below like any existing folder.
                }
            }
            Path real = next.toRealPath();
            if (!real.startsWith(root)) {
                throw new AbortException(Messages.WorkspaceFiles_LinkOutside(field, relative));
            }
            if (!Files.isDirectory(real)) {
                throw new AbortException(Messages.WorkspaceFiles_NotAFolder(field, relative, root.relativize(next)));
            }
            current = real;
        }
        return current;
    }

    private static boolean inside(Path root, Path link) {
        try {
            return link.toRealPath().startsWith(root);
        } catch (IOException e) {
            // A dangling link: where it points is outside anything we can check.
            return false;
        }
    }

    private static Path realRoot(File workspace, String field, String relative) throws IOException {
        try {
            return workspace.toPath().toRealPath();
        } catch (IOException e) {
            throw new AbortException(Messages.WorkspaceFiles_Missing(field, relative, workspace));
        }
    }
}
