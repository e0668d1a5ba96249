package org.quorumee.core.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The privacy core stays pure: its sources import only the JDK, Bouncy Castle and other core
 * packages, and never read the clock, start threads, sleep or make their own randomness.
 */
class PrivacyCorePurityTest {
    private static final Path SOURCES = Path.of("src/main/java/org/quorumee/core/privacy");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "org.bouncycastle.", "org.quorumee.core.");
    private static final List<String> FORBIDDEN = List.of("java.security.SecureRandom", "java.time.", "java.util.concurrent.",
            "java.lang.Thread", "java.util.Random", "java.io.File", "java.nio.file.", "java.net.", "java.sql.");
    private static final List<String> FORBIDDEN_CALLS = List.of("System.currentTimeMillis", "System.nanoTime", "Thread.sleep",
            "new Thread(", "new SecureRandom", "Instant.now", "Clock.system");

    @Test
    void importsAndCallsArePure() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the quorum-ejb module: " + SOURCES.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    String imported = m.group(2);
                    if (ALLOWED.stream().noneMatch(imported::startsWith) || FORBIDDEN.stream().anyMatch(imported::startsWith)) {
                        violations.add(file.getFileName() + " imports " + imported);
                    }
                }
                FORBIDDEN_CALLS.stream().filter(source::contains).forEach(call -> violations.add(file.getFileName() + " calls " + call));
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
