package org.quorumee.core.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the official Ethereum test vectors are: the system property {@code ethereum.tests.dir}
 * (Maven passes it), else {@code ../shared/fixtures/ethereum-tests} seen from the project root.
 * Every {@code *ConformanceTest} reads its corpus through this class.
 */
public final class Fixtures {
    public static final String PROPERTY = "ethereum.tests.dir";

    private Fixtures() {
    }

    /** The fixtures root, or skips the calling test (with the reason) when it is absent. */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        Path root = configured != null ? Path.of(configured) : defaultRoot();
        Assumptions.assumeTrue(root != null && Files.isDirectory(root),
                "Ethereum test fixtures not found at " + root + " (set -D" + PROPERTY + "); skipped");
        return root.normalize();
    }

    /** Every {@code .json} file under {@code relative} (recursively), in a stable order. */
    public static List<Path> jsonFiles(String relative) {
        Path dir = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(dir), "fixtures folder " + dir + " is absent; skipped");
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
