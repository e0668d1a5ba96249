package org.quorumee.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.bytes.Hex;

class NodeKeyTest {
    /** secp256k1's generator (SEC 2, 2.4.1): the public key of private key 1. */
    private static final String GENERATOR = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
            + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

    @TempDir
    Path dir;

    @Test
    void readsGethsNodekeyFormat() throws Exception {
        Path file = dir.resolve("nodekey");
        Files.writeString(file, "00".repeat(31) + "01\n", StandardCharsets.US_ASCII);
        assertEquals("0x" + GENERATOR, Hex.encode(NodeKey.loadOrCreate(file).publicKey()));
    }

    @Test
    void createsAnOwnerOnlyKeyFileThatReadsBackToTheSameKey() throws Exception {
        Path file = dir.resolve("nodekey");
        NodeKey created = NodeKey.loadOrCreate(file);
        String hex = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(hex.matches("[0-9a-f]{64}"), hex);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(created.publicKey(), NodeKey.loadOrCreate(file).publicKey());
        // the public key is the private key times the generator, by Bouncy Castle
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        ECPoint point = curve.getG().multiply(new BigInteger(hex, 16)).normalize();
        byte[] expected = new byte[64];
        byte[] x = point.getAffineXCoord().getEncoded();
        byte[] y = point.getAffineYCoord().getEncoded();
        System.arraycopy(x, 0, expected, 0, 32);
        System.arraycopy(y, 0, expected, 32, 32);
        assertArrayEquals(expected, created.publicKey());
    }

    @Test
    void refusesAKeyFileOfTheWrongLength() throws Exception {
        Path file = dir.resolve("nodekey");
        Files.writeString(file, "abcd", StandardCharsets.US_ASCII);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NodeKey.loadOrCreate(file));
        assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
    }
}
