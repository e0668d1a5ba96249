package org.quorumee.node.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.quorumee.core.privacy.BoxPublicKey;

/**
 * The party directory kept in {@code tm/parties.json} ({@link PartiesFile}), re-read when the file
 * changes: the launcher rewrites it on every node when nodes are added, and running nodes take the
 * new parties without a restart. A file that no longer reads keeps the last good directory (logged).
 */
public final class PartiesFileDirectory implements PartyDirectory {
    private static final Logger LOG = Logger.getLogger(PartiesFileDirectory.class.getName());

    private record Snapshot(FileTime modified, long size, Map<BoxPublicKey, String> parties) {
    }

    private final Path file;
    private volatile Snapshot current;

    /** @throws IllegalStateException if the file exists and is not a parties file (a start must not go on) */
    public PartiesFileDirectory(Path file) {
        this.file = file;
        this.current = new Snapshot(modified(file), size(file), PartiesFile.read(file));
    }

    @Override
    public Optional<String> nodeOf(BoxPublicKey key) {
        return Optional.ofNullable(parties().get(key));
    }

    @Override
    public Map<BoxPublicKey, String> remoteParties() {
        return new TreeMap<>(parties());
    }

    private Map<BoxPublicKey, String> parties() {
        Snapshot seen = current;
        FileTime modified = modified(file);
        long size = size(file);
        if (java.util.Objects.equals(modified, seen.modified()) && size == seen.size()) {
            return seen.parties();
        }
        synchronized (this) {
            try {
                current = new Snapshot(modified, size, PartiesFile.read(file));
                LOG.info(() -> file + " changed: " + current.parties().size() + " parties");
            } catch (IllegalStateException e) {
                LOG.warning(() -> e.getMessage() + "; the previous " + seen.parties().size() + " parties stay in use");
                current = new Snapshot(modified, size, seen.parties());
            }
            return current.parties();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
