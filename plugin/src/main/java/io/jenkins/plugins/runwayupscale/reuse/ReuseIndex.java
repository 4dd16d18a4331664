package io.jenkins.plugins.runwayupscale.reuse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A job's small index of its successful upscales, so a re-run finds an earlier result without loading old builds
 * (a job can have thousands, and each loads slowly). One file in the job's folder, so it lives and dies with the job
 * and never serves another job; written whole to a temporary file and renamed, so a crash leaves the old or the new
 * index, never half of one. At most {@link #MAX_ENTRIES} entries, the newest kept; one entry per key.
 */
public final class ReuseIndex {
    /** Enough for every video of many releases; an entry is about 300 bytes. */
    public static final int MAX_ENTRIES = 500;

    static final String FILE_NAME = "runway-upscale-reuse.json";
    private static final long MAX_FILE_BYTES = 1024L * 1024;
    private static final Logger LOGGER = Logger.getLogger(ReuseIndex.class.getName());
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<Path, ReuseIndex> OPEN = new ConcurrentHashMap<>();

    /**
     * One successful upscale.
     *
     * @param key {@link ReuseKey#id()}
     * @param build the number of the build that ran it
     * @param taskId the Runway task
     * @param inputSha256 the input video's SHA-256, or null for a URL
     * @param artifact the archived video's artifact path, or null when it was not archived
     * @param artifactSha256 that video's SHA-256, or null
     */
    public record Entry(
            String key, int build, String taskId, String inputSha256, String artifact, String artifactSha256) {}

    private final Path folder;
    private final Path file;

    private ReuseIndex(Path folder) {
        this.folder = folder;
        this.file = folder.resolve(FILE_NAME);
    }

    /** The index of the job whose folder is {@code jobRoot}; one object per job, shared by its concurrent builds. */
    public static ReuseIndex of(Path jobRoot) {
        return OPEN.computeIfAbsent(jobRoot.toAbsolutePath().normalize(), ReuseIndex::new);
    }

    /** A fresh object on the job's file, as after a restart; for tests. */
    static ReuseIndex reopened(Path jobRoot) {
        return new ReuseIndex(jobRoot.toAbsolutePath().normalize());
    }

    /** The newest successful upscale with this key, if the index has one. */
    public synchronized Optional<Entry> find(String key) {
        return read().stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** Records a successful upscale; it replaces an older entry with the same key. */
    public synchronized void record(Entry entry) {
        List<Entry> entries = new ArrayList<>(List.of(entry));
        for (Entry e : read()) {
            if (!e.key().equals(entry.key()) && entries.size() < MAX_ENTRIES) {
                entries.add(e);
            }
        }
        write(entries);
    }

    /** Forgets what a deleted build did: its task may be gone, and its artifacts are. */
    public synchronized void forgetBuild(int build) {
        List<Entry> entries = read();
        if (entries.removeIf(e -> e.build() == build)) {
            write(entries);
        }
    }

    /** Newest first. A missing, unreadable or oversized file is an empty index: reuse is an optimisation. */
    private List<Entry> read() {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return new ArrayList<>();
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                LOGGER.warning(() -> file + " is larger than " + MAX_FILE_BYTES + " bytes; starting a new index");
                return new ArrayList<>();
            }
            List<Entry> entries = JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
            entries.removeIf(e -> e == null || e.key() == null || e.taskId() == null);
            return entries;
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not read " + file + "; starting a new index", e);
            return new ArrayList<>();
        }
    }

    private void write(List<Entry> entries) {
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, FILE_NAME, ".tmp");
            try {
                JSON.writeValue(temp.toFile(), entries);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // The upscale itself succeeded; only a later reuse is lost.
            LOGGER.log(Level.WARNING, "Could not write " + file, e);
        }
    }
}
