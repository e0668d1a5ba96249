package org.quorumee.core.evm.precompile;

import ethereum.cryptography.LibEthKZG;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * 0x0a (Cancun): the KZG point evaluation of EIP-4844, gas 50000. Input, exactly 192 bytes:
 * versioned hash (32), z (32), y (32), commitment (48), proof (48). The call succeeds when the
 * versioned hash is that of the commitment and the proof shows that the committed polynomial
 * takes the value y at z; it then returns FIELD_ELEMENTS_PER_BLOB and the BLS modulus as two
 * 32-byte words.
 *
 * <p>The pairing check runs in rust-eth-kzg (native code, through the Maven artifact
 * {@code io.github.crate-crypto:java-eth-kzg}), whose artifact also carries the mainnet trusted
 * setup (the KZG ceremony's output); its context is built once per JVM, on first use, and nothing
 * is read from disk or the network. A node that cannot load the native library cannot agree on
 * blocks that call this contract, so that case throws {@link IllegalStateException} rather than
 * returning a result.
 */
public final class KzgPointEvaluation implements PrecompiledContract {
    static final int INPUT_LENGTH = 192;
    private static final byte VERSIONED_HASH_VERSION_KZG = 0x01;
    private static final int FIELD_ELEMENTS_PER_BLOB = 4096;
    /** The order of the BLS12-381 scalar field. */
    private static final BigInteger BLS_MODULUS = new BigInteger(
            "52435875175126190479447740508185965837690552500527637822603658699938581184513");
    private static final byte[] SUCCESS_OUTPUT = successOutput();

    @Override
    public long gasRequirement(byte[] input) {
        return 50_000;
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length != INPUT_LENGTH) {
            return null;
        }
        byte[] versionedHash = Arrays.copyOfRange(input, 0, 32);
        byte[] z = Arrays.copyOfRange(input, 32, 64);
        byte[] y = Arrays.copyOfRange(input, 64, 96);
        byte[] commitment = Arrays.copyOfRange(input, 96, 144);
        byte[] proof = Arrays.copyOfRange(input, 144, 192);
        if (!Arrays.equals(versionedHash, versionedHash(commitment))) {
            return null;
        }
        try {
            return NativeKzg.context().verifyKzgProof(commitment, z, y, proof) ? SUCCESS_OUTPUT.clone() : null;
        } catch (IllegalArgumentException e) {
            return null; // z or y not a canonical field element, or a point that does not decode
        }
    }

    /** The EIP-4844 versioned hash of a commitment: 0x01 followed by the tail of its SHA-256. */
    static byte[] versionedHash(byte[] commitment) {
        byte[] hash = new Sha256().compute(commitment);
        hash[0] = VERSIONED_HASH_VERSION_KZG;
        return hash;
    }

    /** The library's context, for tests that make their own commitments and proofs. */
    static LibEthKZG library() {
        return NativeKzg.context();
    }

    private static byte[] successOutput() {
        byte[] out = new byte[64];
        // Constants of our own: building the registry must not touch the native library's classes.
        byte[] elements = InputWords.leftPad(BigInteger.valueOf(FIELD_ELEMENTS_PER_BLOB), 32);
        byte[] modulus = InputWords.leftPad(BLS_MODULUS, 32);
        System.arraycopy(elements, 0, out, 0, 32);
        System.arraycopy(modulus, 0, out, 32, 32);
        return out;
    }

    /**
     * The library's context (native code and trusted setup), built once per JVM on first use (holder
     * idiom). Verifications only read it, so calls from many threads share it.
     */
    private static final class NativeKzg {
        private static final LibEthKZG CONTEXT;
        private static final IllegalStateException LOAD_FAILURE;

        static {
            LibEthKZG context = null;
            IllegalStateException failure = null;
            try {
                // false: no precomputed tables, which only speed up computing cell proofs (EIP-7594)
                context = new LibEthKZG(false);
            } catch (RuntimeException | LinkageError e) {
                failure = new IllegalStateException("the KZG library could not be loaded: " + e, e);
            }
            CONTEXT = context;
            LOAD_FAILURE = failure;
        }

        static LibEthKZG context() {
            if (LOAD_FAILURE != null) {
                throw LOAD_FAILURE;
            }
            return CONTEXT;
        }
    }
}
