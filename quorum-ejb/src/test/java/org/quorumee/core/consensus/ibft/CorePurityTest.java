package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The consensus core stays a step function: no container types, threads, sleeps, clock reads or secure randomness. */
class CorePurityTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "import (jakarta|javax|com\\.fasterxml|org\\.hibernate)\\.|import java\\.(time|util\\.concurrent|net|io|nio)\\."
                    + "|System\\.currentTimeMillis|System\\.nanoTime|Thread\\.|new Thread|SecureRandom|Instant\\.now|synchronized \\(");

    @Test
    void consensusCoreImportsNothingImpure() throws IOException {
        Path root = Path.of("src/main/java/org/quorumee/core/consensus/ibft");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        offences.add(root.relativize(file) + ":" + (i + 1) + " " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), offences);
    }
}
