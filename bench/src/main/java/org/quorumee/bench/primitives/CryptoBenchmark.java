package org.quorumee.bench.primitives;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;

/** Keccak-256 hashes/s (32 bytes, 1 KiB) and secp256k1 recoveries and signatures per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBenchmark {
    private static final int SIGNATURES = 64;
    private static final X9ECParameters GENERIC = SECNamedCurves.getByName("secp256k1");

    private final byte[] input32 = new byte[32];
    private final byte[] input1k = new byte[1024];
    private final byte[][] hashes = new byte[SIGNATURES][];
    private final Signature[] signatures = new Signature[SIGNATURES];
    private KeyPair key;
    private int next;

    @Setup
    public void setup() {
        for (int i = 0; i < input1k.length; i++) {
            input1k[i] = (byte) i;
        }
        key = KeyPair.fromPrivateKey(Keccak.keccak256("bench".getBytes()));
        for (int i = 0; i < SIGNATURES; i++) {
            hashes[i] = Keccak.keccak256(new byte[] {(byte) i});
            signatures[i] = key.sign(hashes[i]);
        }
    }

    @Benchmark
    public byte[] keccak32() {
        return Keccak.keccak256(input32);
    }

    @Benchmark
    public byte[] keccak1k() {
        return Keccak.keccak256(input1k);
    }

    /** Public key recovery and its address: what sender recovery of a transaction costs. */
    @Benchmark
    public Address recover() {
        int i = next++ & (SIGNATURES - 1);
        return Secp256k1.recoverAddress(hashes[i], signatures[i]);
    }

    /**
     * The "before" of {@link #recover()}: the same recovery on Bouncy Castle's generic curve
     * ({@code SECNamedCurves}: BigInteger field arithmetic) instead of the custom secp256k1 curve.
     */
    @Benchmark
    public ECPoint recoverGenericCurve() {
        int i = next++ & (SIGNATURES - 1);
        Signature signature = signatures[i];
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (2 + signature.recId());
        byte[] r = signature.r().toByteArray();
        int length = Math.min(32, r.length);
        System.arraycopy(r, r.length - length, compressed, 33 - length, length);
        ECPoint bigR = GENERIC.getCurve().decodePoint(compressed);
        BigInteger n = GENERIC.getN();
        BigInteger rInverse = signature.r().modInverse(n);
        BigInteger u1 = n.subtract(new BigInteger(1, hashes[i])).multiply(rInverse).mod(n);
        BigInteger u2 = signature.s().multiply(rInverse).mod(n);
        return ECAlgorithms.sumOfTwoMultiplies(GENERIC.getG(), u1, bigR, u2).normalize();
    }

    @Benchmark
    public Signature sign() {
        int i = next++ & (SIGNATURES - 1);
        return key.sign(hashes[i]);
    }
}
