package org.quorumee.node.privacy.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of enclave keys: for every name, {@code <name>.pub} and {@code <name>.key}, and for a
 * locked key its password in {@code <name>.password} (first line). The key named
 * {@value #DEFAULT_NAME} comes first (the node's default sending key), the others in name order.
 */
public record KeyDirectory(Path folder) {
    public static final String DEFAULT_NAME = "tm";

    public Path publicKeyFile(String name) {
        return folder.resolve(name + ".pub");
    }

    public Path privateKeyFile(String name) {
        return folder.resolve(name + ".key");
    }

    public Path passwordFile(String name) {
        return folder.resolve(name + ".password");
    }

    /** The names of the key pairs here: every {@code .pub} file's name. */
    public List<String> names() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".pub"))
                    .map(f -> f.substring(0, f.length() - ".pub".length()))
                    .sorted(Comparator.comparing((String n) -> !n.equals(DEFAULT_NAME)).thenComparing(Comparator.naturalOrder()))
                    .toList());
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the key folder " + folder, e);
        }
    }

    /** The password of a locked key, if its password file exists. */
    public Optional<char[]> password(String name) {
        Path file = passwordFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return Optional.of(line.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file " + file, e);
        }
    }
}
