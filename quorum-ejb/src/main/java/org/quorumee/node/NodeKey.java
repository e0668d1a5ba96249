package org.quorumee.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.quorumee.core.bytes.Hex;

/** The node's secp256k1 key, kept in geth's {@code nodekey} format: 64 hex digits, no newline needed. */
public final class NodeKey {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private final byte[] publicKey;

    private NodeKey(BigInteger privateKey) {
        byte[] encoded = CURVE.getG().multiply(privateKey).normalize().getEncoded(false);
        this.publicKey = Arrays.copyOfRange(encoded, 1, encoded.length);
    }

    /** Reads the key file, or creates it (owner-readable only) with a fresh random key. */
    public static NodeKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
                byte[] raw = Hex.decode(hex);
                if (raw.length != 32) {
                    throw new IllegalStateException(file + " must hold 64 hex digits, found " + hex.length());
                }
                return new NodeKey(new BigInteger(1, raw));
            }
            BigInteger d;
            SecureRandom random = new SecureRandom();
            do {
                d = new BigInteger(256, random);
            } while (d.signum() == 0 || d.compareTo(CURVE.getN()) >= 0);
            byte[] raw = new byte[32];
            byte[] bytes = d.toByteArray();
            int len = Math.min(bytes.length, 32);
            System.arraycopy(bytes, bytes.length - len, raw, 32 - len, len);
            Files.writeString(file, Hex.encodeNoPrefix(raw), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new NodeKey(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the node key " + file, e);
        }
    }

    /** The 64-byte public key (x || y): the enode ID. */
    public byte[] publicKey() {
        return publicKey.clone();
    }
}
