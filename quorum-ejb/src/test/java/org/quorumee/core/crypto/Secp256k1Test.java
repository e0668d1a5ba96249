package org.quorumee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.types.Address;

class Secp256k1Test {
    /** The EIP-155 example: key 0x4646..46 signs this hash with v = 37 (recId 0). */
    private static final byte[] EIP155_KEY = Hex.decode("4646464646464646464646464646464646464646464646464646464646464646");
    private static final byte[] EIP155_HASH = Hex.decode("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");

    @Test
    void signsDeterministicallyAsRfc6979() {
        Signature signature = Secp256k1.sign(EIP155_HASH, EIP155_KEY);
        assertEquals(new BigInteger("18515461264373351373200002665853028612451056578545711640558177340181847433846"), signature.r());
        assertEquals(new BigInteger("46948507304638947509940763649030358759909902576025900602547168820602576006531"), signature.s());
        assertEquals(0, signature.recId());
        assertEquals(Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"), KeyPair.fromPrivateKey(EIP155_KEY).address());
    }

    @Test
    void recoversWhatItSigns() {
        SecureRandom random = new SecureRandom(new byte[] {1, 2, 3});
        for (int i = 0; i < 50; i++) {
            KeyPair pair = Secp256k1.generateKeyPair(random);
            byte[] hash = Keccak.keccak256(new byte[] {(byte) i});
            Signature signature = pair.sign(hash);
            assertTrue(signature.isLowS());
            assertArrayEquals(pair.publicKey(), Secp256k1.recover(hash, signature));
            assertEquals(pair.address(), Secp256k1.recoverAddress(hash, signature));
            assertTrue(Secp256k1.isValidPublicKey(pair.publicKey()));
        }
    }

    @Test
    void highSIsRecoverableButNotCanonical() {
        Signature low = Secp256k1.sign(EIP155_HASH, EIP155_KEY);
        Signature high = new Signature(low.r(), Secp256k1.N.subtract(low.s()), low.recId() ^ 1);
        assertFalse(high.isLowS());
        assertArrayEquals(Secp256k1.recover(EIP155_HASH, low), Secp256k1.recover(EIP155_HASH, high));
        assertThrows(InvalidSignatureException.class, () -> high.validate(true));
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThrows(InvalidSignatureException.class,
                () -> Secp256k1.recover(EIP155_HASH, BigInteger.ZERO, BigInteger.ONE, 0));
        assertThrows(InvalidSignatureException.class,
                () -> Secp256k1.recover(EIP155_HASH, BigInteger.ONE, Secp256k1.N, 0));
        assertThrows(InvalidSignatureException.class, () -> new Signature(BigInteger.ONE, BigInteger.ONE, 4));
        assertThrows(InvalidKeyException.class, () -> Secp256k1.publicKey(new byte[32]));
        assertThrows(InvalidKeyException.class, () -> Secp256k1.publicKey(new byte[31]));
    }

    @Test
    void rejectsAnRThatIsNoPointOnTheCurve() {
        // x = 5 has no y on secp256k1 (5^3 + 7 = 132 is not a square mod p).
        assertThrows(InvalidSignatureException.class,
                () -> Secp256k1.recover(EIP155_HASH, BigInteger.valueOf(5), BigInteger.ONE, 0));
    }

    @Test
    void sixtyFiveByteFormRoundTrips() {
        Signature signature = Secp256k1.sign(EIP155_HASH, EIP155_KEY);
        assertEquals(signature, Signature.fromBytes(signature.toBytes()));
        byte[] withV = signature.toBytes();
        withV[64] += 27;
        assertEquals(signature, Signature.fromBytes(withV));
        assertThrows(InvalidSignatureException.class, () -> Signature.fromBytes(new byte[64]));
    }
}
