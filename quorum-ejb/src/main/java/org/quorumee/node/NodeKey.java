package org.quorumee.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.crypto.Signer;
import org.quorumee.core.types.Address;

/**
 * The node's secp256k1 key, kept in geth's {@code nodekey} format: 64 hex digits. Its public key is
 * the enode ID; it signs block seals and consensus messages. The private key never leaves this
 * object: callers see a {@link Signer}, which an HSM-backed key can also be.
 */
public final class NodeKey implements Signer {
    private final KeyPair key;

    private NodeKey(KeyPair key) {
        this.key = key;
    }

    /** Reads the key file, or creates it (readable by its owner only) with a fresh random key. */
    public static NodeKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
                byte[] privateKey = Hex.decode(hex);
                if (privateKey.length != 32) {
                    throw new IllegalStateException(file + " must hold 64 hex digits, found " + hex.length());
                }
                return new NodeKey(KeyPair.fromPrivateKey(privateKey));
            }
            KeyPair key = Secp256k1.generateKeyPair();
            // Created owner-only, before a byte of the key is written.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Hex.encodeNoPrefix(key.privateKey()), StandardCharsets.US_ASCII);
            return new NodeKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the node key " + file, e);
        }
    }

    /** The 64-byte public key (x || y): the enode ID. */
    @Override
    public byte[] publicKey() {
        return key.publicKey();
    }

    @Override
    public Address address() {
        return key.address();
    }

    @Override
    public Signature sign(byte[] hash) {
        return key.sign(hash);
    }
}
