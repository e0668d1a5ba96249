package org.quorumee.core.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the official Ethereum test vectors are: the system property {@code ethereum.tests.dir}
 * (Maven passes it), else {@code ../shared/fixtures/ethereum-tests} seen from the project root.
 * Every {@code *ConformanceTest} reads its corpus through this class.
 *
 * <p>A missing folder fails the calling test: a build that ran none of the vectors must not look
 * green. Only {@code -Dethereum.tests.optional=true} turns that into a skip (for a machine that has
 * no fixtures at all, on purpose); a folder that is there but lacks a suite or a file always fails.
 */
public final class Fixtures {
    public static final String PROPERTY = "ethereum.tests.dir";
    /** Set to {@code true} to skip, rather than fail, the conformance tests when the fixtures are absent. */
    public static final String OPTIONAL_PROPERTY = "ethereum.tests.optional";

    private Fixtures() {
    }

    /**
     * The fixtures root. Fails when it is absent, unless {@code -Dethereum.tests.optional=true}
     * was given: then the calling test is skipped, saying why.
     */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        Path root = configured != null ? Path.of(configured) : defaultRoot();
        if (root == null || !Files.isDirectory(root)) {
            String where = "Ethereum test fixtures not found at " + root + " (set -D" + PROPERTY + ")";
            Assumptions.assumeFalse(Boolean.getBoolean(OPTIONAL_PROPERTY),
                    where + "; skipped because -D" + OPTIONAL_PROPERTY + "=true");
            Assertions.fail(where + "; pass -D" + OPTIONAL_PROPERTY + "=true to skip the conformance tests instead");
        }
        return root.normalize();
    }

    /** A fixture file or folder under the root, which must exist. */
    public static Path path(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            Assertions.fail("fixture " + path + " is missing: the suite that reads it cannot run");
        }
        return path;
    }

    /** Every {@code .json} file under {@code relative} (recursively), in a stable order; the folder must exist. */
    public static List<Path> jsonFiles(String relative) {
        Path dir = path(relative);
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks up from the working directory to the project root (the folder with .mvn). */
    private static Path defaultRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
            dir = dir.getParent();
        }
        return dir == null ? null : dir.resolve("../shared/fixtures/ethereum-tests");
    }
}
