package org.quorumee.core.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ethereum.cryptography.LibEthKZG;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

/**
 * The point evaluation precompile on commitments and proofs made here, through the same library,
 * from seeded random blobs: the precompile's own work is the byte layout, the versioned hash and
 * the mapping of the library's verdicts and errors to success or failure.
 */
class KzgPointEvaluationTest {
    /** EIP-4844: the order of the BLS12-381 scalar field. */
    private static final BigInteger BLS_MODULUS = new BigInteger(
            "52435875175126190479447740508185965837690552500527637822603658699938581184513");
    private static final int FIELD_ELEMENTS_PER_BLOB = 4096;
    /** The compressed encoding of the point at infinity of G1 (compression and infinity flags). */
    private static final byte[] INFINITY = infinity();

    private static LibEthKZG library;
    private static byte[] blob;
    private static byte[] commitment;

    private final KzgPointEvaluation kzg = new KzgPointEvaluation();

    @BeforeAll
    static void commitToARandomBlob() {
        library = KzgPointEvaluation.library();
        blob = randomBlob(new Random(4844));
        commitment = library.blobToKZGCommitment(blob);
    }

    @Test
    void successReturnsTheBlobSizeAndTheModulus() {
        byte[] z = scalar(new BigInteger("1234567890123456789012345678901234567890"));
        byte[][] proofAndY = library.computeKzgProof(blob, z);
        // EIP-4844: FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS as two 32-byte big-endian words
        byte[] expected = Hex.decode("0x"
                + "0000000000000000000000000000000000000000000000000000000000001000"
                + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
        assertArrayEquals(expected, kzg.compute(input(commitment, z, proofAndY[1], proofAndY[0])));
    }

    @Test
    void proofsAtRandomPointsVerify() {
        Random random = new Random(1);
        for (int i = 0; i < 3; i++) {
            byte[] z = scalar(new BigInteger(BLS_MODULUS.bitLength(), random).mod(BLS_MODULUS));
            byte[][] proofAndY = library.computeKzgProof(blob, z);
            assertEquals(64, kzg.compute(input(commitment, z, proofAndY[1], proofAndY[0])).length);
        }
    }

    @Test
    void atOneThePolynomialTakesTheFirstElement() {
        // The blob holds evaluations over the 4096th roots of unity in bit-reversed order; the root
        // 1 comes first, so the committed polynomial is blob[0] at z = 1.
        byte[] z = scalar(BigInteger.ONE);
        byte[] y = Arrays.copyOf(blob, 32);
        byte[] proof = library.computeKzgProof(blob, z)[0];
        assertEquals(64, kzg.compute(input(commitment, z, y, proof)).length);
        byte[] otherY = scalar(new BigInteger(1, y).add(BigInteger.ONE).mod(BLS_MODULUS));
        assertNull(kzg.compute(input(commitment, z, otherY, proof)));
    }

    @Test
    void zeroBlobCommitsToInfinityAndEvaluatesToZeroEverywhere() {
        byte[] zeroBlob = new byte[LibEthKZG.BYTES_PER_BLOB];
        assertArrayEquals(INFINITY, library.blobToKZGCommitment(zeroBlob));
        byte[] z = scalar(BigInteger.valueOf(42));
        assertEquals(64, kzg.compute(input(INFINITY, z, new byte[32], INFINITY)).length);
        assertNull(kzg.compute(input(INFINITY, z, scalar(BigInteger.ONE), INFINITY)));
    }

    @Test
    void wrongValuePointOrProofFails() {
        byte[] z = scalar(BigInteger.valueOf(7));
        byte[][] proofAndY = library.computeKzgProof(blob, z);
        byte[] proof = proofAndY[0];
        byte[] y = proofAndY[1];
        byte[] wrongY = scalar(new BigInteger(1, y).add(BigInteger.ONE).mod(BLS_MODULUS));
        assertNull(kzg.compute(input(commitment, z, wrongY, proof)));
        assertNull(kzg.compute(input(commitment, scalar(BigInteger.valueOf(8)), y, proof)));
        byte[] otherProof = library.computeKzgProof(blob, scalar(BigInteger.valueOf(9)))[0];
        assertNull(kzg.compute(input(commitment, z, y, otherProof)));
        byte[] otherCommitment = library.blobToKZGCommitment(randomBlob(new Random(2)));
        assertNull(kzg.compute(input(otherCommitment, z, y, proof)));
    }

    @Test
    void versionedHashMustBeTheCommitmentsWithVersionOne() {
        byte[] z = scalar(BigInteger.valueOf(3));
        byte[][] proofAndY = library.computeKzgProof(blob, z);
        byte[] good = input(commitment, z, proofAndY[1], proofAndY[0]);
        assertEquals(64, kzg.compute(good).length);

        byte[] expectedHash = new Sha256().compute(commitment);
        expectedHash[0] = 0x01;
        assertArrayEquals(expectedHash, Arrays.copyOf(good, 32));

        byte[] version2 = good.clone();
        version2[0] = 0x02;
        assertNull(kzg.compute(version2));
        byte[] otherTail = good.clone();
        otherTail[31] ^= 1;
        assertNull(kzg.compute(otherTail));
    }

    @Test
    void inputMustBeExactly192Bytes() {
        byte[] z = scalar(BigInteger.valueOf(5));
        byte[][] proofAndY = library.computeKzgProof(blob, z);
        byte[] good = input(commitment, z, proofAndY[1], proofAndY[0]);
        assertNull(kzg.compute(new byte[0]));
        assertNull(kzg.compute(Arrays.copyOf(good, 191)));
        assertNull(kzg.compute(Arrays.copyOf(good, 193)));
        assertEquals(50_000, kzg.gasRequirement(new byte[0]));
        assertEquals(50_000, kzg.gasRequirement(good));
    }

    @Test
    void nonCanonicalScalarsAndUndecodablePointsFail() {
        byte[] z = scalar(BigInteger.valueOf(11));
        byte[][] proofAndY = library.computeKzgProof(blob, z);
        byte[] proof = proofAndY[0];
        byte[] y = proofAndY[1];
        byte[] modulus = scalar(BLS_MODULUS);
        // z = 0 and z = the modulus are the same residue, but only the canonical form is accepted
        byte[][] zeroProofAndY = library.computeKzgProof(blob, scalar(BigInteger.ZERO));
        assertEquals(64, kzg.compute(input(commitment, new byte[32], zeroProofAndY[1], zeroProofAndY[0])).length);
        assertNull(kzg.compute(input(commitment, modulus, zeroProofAndY[1], zeroProofAndY[0])));
        assertNull(kzg.compute(input(commitment, z, modulus, proof)));

        byte[] notAPoint = new byte[48];
        notAPoint[0] = (byte) 0x80; // compressed, x = 1: no point of G1 has it
        notAPoint[47] = 1;
        assertNull(kzg.compute(input(commitment, z, y, notAPoint)));
        assertNull(kzg.compute(input(notAPoint, z, y, proof)));
        byte[] uncompressedFlag = commitment.clone();
        uncompressedFlag[0] &= 0x7f;
        assertNull(kzg.compute(input(uncompressedFlag, z, y, proof)));
    }

    /** The precompile input; the versioned hash is computed here, independently of the class. */
    private static byte[] input(byte[] commitment, byte[] z, byte[] y, byte[] proof) {
        byte[] versionedHash = new Sha256().compute(commitment);
        versionedHash[0] = 0x01;
        byte[] out = new byte[KzgPointEvaluation.INPUT_LENGTH];
        System.arraycopy(versionedHash, 0, out, 0, 32);
        System.arraycopy(z, 0, out, 32, 32);
        System.arraycopy(y, 0, out, 64, 32);
        System.arraycopy(commitment, 0, out, 96, 48);
        System.arraycopy(proof, 0, out, 144, 48);
        return out;
    }

    private static byte[] randomBlob(Random random) {
        byte[] out = new byte[LibEthKZG.BYTES_PER_BLOB];
        for (int i = 0; i < FIELD_ELEMENTS_PER_BLOB; i++) {
            BigInteger element = new BigInteger(BLS_MODULUS.bitLength(), random).mod(BLS_MODULUS);
            System.arraycopy(scalar(element), 0, out, 32 * i, 32);
        }
        return out;
    }

    private static byte[] scalar(BigInteger value) {
        return InputWords.leftPad(value, 32);
    }

    private static byte[] infinity() {
        byte[] out = new byte[48];
        out[0] = (byte) 0xc0;
        return out;
    }
}
