package org.quorumee.core.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The two permission files of a node's data folder, {@code permissioned-nodes.json} and
 * {@code disallowed-nodes.json}: read into a {@link PermissionPolicy} (re-read only when a file
 * changed), and written back atomically (a reader never sees half a file).
 */
public final class PermissionFiles {
    public static final String PERMISSIONED = "permissioned-nodes.json";
    public static final String DISALLOWED = "disallowed-nodes.json";

    private final Path permissionedFile;
    private final Path disallowedFile;
    private FileTime permittedStamp;
    private FileTime disallowedStamp;
    private long permittedSize = -1;
    private long disallowedSize = -1;
    private PermissionPolicy cached;

    public PermissionFiles(Path nodeDir) {
        this.permissionedFile = nodeDir.resolve(PERMISSIONED);
        this.disallowedFile = nodeDir.resolve(DISALLOWED);
    }

    public Path permissionedFile() {
        return permissionedFile;
    }

    public Path disallowedFile() {
        return disallowedFile;
    }

    /** The policy of the files as they are now; read again only if either changed since the last call. */
    public synchronized PermissionPolicy current() {
        FileTime p = modified(permissionedFile);
        FileTime d = modified(disallowedFile);
        long ps = size(permissionedFile);
        long ds = size(disallowedFile);
        if (cached == null || !same(p, permittedStamp) || !same(d, disallowedStamp) || ps != permittedSize
                || ds != disallowedSize) {
            cached = PermissionPolicy.fromFiles(read(permissionedFile), read(disallowedFile));
            permittedStamp = p;
            disallowedStamp = d;
            permittedSize = ps;
            disallowedSize = ds;
        }
        return cached;
    }

    /** Reads the files now, whatever the cache holds. */
    public synchronized PermissionPolicy reload() {
        cached = null;
        return current();
    }

    /** Writes the policy's two lists (each file replaced atomically, owner-only) and caches it. */
    public synchronized void write(PermissionPolicy policy) {
        writeAtomically(disallowedFile, EnodeListFile.format(policy.disallowedList()));
        writeAtomically(permissionedFile, EnodeListFile.format(policy.permittedList()));
        cached = null;
        current();
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            // Unreadable (or not UTF-8) counts as invalid: the policy then denies everyone.
            return Optional.of("unreadable: " + e.getMessage());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean same(FileTime a, FileTime b) {
        return a == null ? b == null : a.equals(b);
    }
}
