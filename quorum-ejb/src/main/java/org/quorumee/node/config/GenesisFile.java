package org.quorumee.node.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.quorumee.core.chain.GenesisConfig;
import org.quorumee.core.chain.InvalidGenesisException;

/** A {@code genesis.json} read from text or a file into the core's {@link GenesisConfig}. */
public final class GenesisFile {
    private GenesisFile() {
    }

    /**
     * @throws InvalidGenesisException when the text is not JSON or not a genesis GoQuorum would accept
     */
    public static GenesisConfig parse(String json) {
        try {
            return GenesisConfig.fromJson(JsonTree.parse(json));
        } catch (JsonTree.MalformedJsonException e) {
            throw new InvalidGenesisException("genesis is " + e.getMessage(), e);
        }
    }

    /** @see #parse(String) */
    public static GenesisConfig read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return GenesisConfig.fromJson(JsonTree.parse(in));
        } catch (JsonTree.MalformedJsonException e) {
            throw new InvalidGenesisException(file + " is " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the genesis file " + file, e);
        }
    }
}
