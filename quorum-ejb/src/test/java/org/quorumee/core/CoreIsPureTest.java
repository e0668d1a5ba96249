package org.quorumee.core;

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
 * The core ({@code org.quorumee.core.*}) imports only the JDK, Bouncy Castle, the KZG binding (ethereum.cryptography) and
 * itself: no container API, no JSON library, no persistence, nothing of the node, JPA or web
 * modules. (The consensus packages have their own, stricter checks: no clocks, threads or secure
 * randomness.)
 */
class CoreIsPureTest {
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)");
    private static final Pattern ALLOWED = Pattern.compile(
            "java\\.[\\w.]+|org\\.bouncycastle\\.[\\w.]+|ethereum\\.cryptography\\.[\\w.]+"
                    + "|org\\.quorumee\\.core\\.[\\w.]+");

    @Test
    void coreImportsNothingOfTheContainerOrTheOuterLayers() throws IOException {
        Path root = Path.of("src/main/java/org/quorumee/core");
        List<String> offences = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    var m = IMPORT.matcher(lines.get(i));
                    if (m.find() && !ALLOWED.matcher(m.group(2)).matches()) {
                        offences.add(root.relativize(file) + ":" + (i + 1) + " " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(files > 100, "the core's sources were found (" + files + " files)");
        assertEquals(List.of(), offences);
    }
}
