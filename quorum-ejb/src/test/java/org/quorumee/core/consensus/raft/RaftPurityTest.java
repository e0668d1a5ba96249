package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Raft core stays pure: no container, persistence or JSON imports, no threads, no wall-clock
 * reads, no secure random, no file or socket I/O. Scans the package's sources.
 */
class RaftPurityTest {
    private static final Path SOURCES = Path.of("src/main/java/org/quorumee/core/consensus/raft");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "import\\s+(jakarta|javax|com\\.fasterxml|org\\.hibernate|org\\.quorumee\\.node|org\\.quorumee\\.jpa|org\\.quorumee\\.web)\\."
                    + "|import\\s+java\\.util\\.concurrent"
                    + "|import\\s+java\\.io\\.File|import\\s+java\\.nio\\.file|import\\s+java\\.net\\.(Socket|ServerSocket|InetAddress|http)"
                    + "|\\bThread\\b|System\\.currentTimeMillis|System\\.nanoTime|SecureRandom|Instant\\.now|Clock\\.system"
                    + "|LocalDateTime\\.now|synchronized|Math\\.random|new Random\\(");

    @Test
    void theCoreImportsNothingImpure() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the quorum-ejb module: " + SOURCES.toAbsolutePath());
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        offences.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), offences);
    }
}
