package org.quorumee.node.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Keystore;
import org.quorumee.core.types.Address;

/**
 * A folder of geth keystore V3 files ({@code UTC--<time>--<address>}), as geth, Quorum's tools and
 * web3 wallets write and read them. Files are the source of truth: they are listed anew on each call,
 * so a key file copied in by hand is seen at once.
 */
public final class KeystoreDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;

    public KeystoreDirectory(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** The accounts of every readable key file, in file-name order (oldest first). */
    public List<Address> addresses() {
        List<Address> addresses = new ArrayList<>();
        for (Path file : files()) {
            address(file).ifPresent(addresses::add);
        }
        return addresses;
    }

    /** The key file's JSON text of {@code address}. */
    public Optional<String> keyFile(Address address) {
        for (Path file : files()) {
            if (address(file).filter(address::equals).isPresent()) {
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read key file " + file, e);
                }
            }
        }
        return Optional.empty();
    }

    /** Stores {@code key} encrypted under {@code password}, in a new file readable by its owner only. */
    public Address store(KeyPair key, String password, Keystore.Kdf kdf, SecureRandom random) throws AccountException {
        if (keyFile(key.address()).isPresent()) {
            throw new AccountException("account already exists");
        }
        String json = KeystoreJson.encrypt(key.privateKey(), password, kdf, random);
        String name = "UTC--" + FILE_TIME.format(clock.instant()) + "--" + Hex.encodeNoPrefix(key.address().toArray());
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path file = dir.resolve(name);
            // Created owner-only, before a byte of the key is written.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a key file in " + dir, e);
        }
        return key.address();
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the keystore " + dir, e);
        }
    }

    /** The address a key file declares; files that are not key files are passed over. */
    private static Optional<Address> address(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String address = root == null ? null : root.path("address").asText(null);
            return address == null || address.length() < 40 ? Optional.empty() : Optional.of(Address.fromHex(address));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
