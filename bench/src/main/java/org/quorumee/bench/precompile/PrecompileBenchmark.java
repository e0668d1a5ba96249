package org.quorumee.bench.precompile;

import ethereum.cryptography.LibEthKZG;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.evm.precompile.AltBn128Add;
import org.quorumee.core.evm.precompile.AltBn128Mul;
import org.quorumee.core.evm.precompile.AltBn128Pairing;
import org.quorumee.core.evm.precompile.Blake2f;
import org.quorumee.core.evm.precompile.EcRecover;
import org.quorumee.core.evm.precompile.KzgPointEvaluation;
import org.quorumee.core.evm.precompile.ModExp;
import org.quorumee.core.evm.precompile.PrecompiledContract;

/**
 * Throughput of the expensive precompiles on fixed, valid inputs. Each benchmark checks once in
 * setup that its input succeeds, so a figure never measures a failure path.
 *
 * <p>{@link #main} prints the thread CPU time per call beside the wall time, a steadier figure on
 * a shared machine than JMH's throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrecompileBenchmark {
    private static final String G1_GENERATOR = word(BigInteger.ONE) + word(BigInteger.TWO);
    /** EIP-197's G2 generator, each Fp2 coordinate written imaginary part first. */
    private static final String G2_GENERATOR =
            "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
            + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
            + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
            + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
    private static final BigInteger FIELD_MODULUS = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");

    private final PrecompiledContract ecRecover = new EcRecover();
    private final PrecompiledContract modExp = new ModExp();
    private final PrecompiledContract bnAdd = new AltBn128Add();
    private final PrecompiledContract bnMul = new AltBn128Mul();
    private final PrecompiledContract bnPairing = new AltBn128Pairing();
    private final PrecompiledContract blake2f = new Blake2f();
    private final PrecompiledContract kzg = new KzgPointEvaluation();

    private byte[] ecRecoverInput;
    private byte[] modExp2048Pow65537Input;
    private byte[] modExp2048FullExponentInput;
    private byte[] bnAddInput;
    private byte[] bnMulInput;
    private byte[] bnPairingTwoPairsInput;
    private byte[] blake2f12RoundsInput;
    private byte[] kzgPointEvaluationInput;

    @Setup
    public void setUp() {
        KeyPair key = KeyPair.fromPrivateKey(
                Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));
        byte[] hash = Hex.decode("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
        Signature signature = Secp256k1.sign(hash, key.privateKey());
        ecRecoverInput = Hex.decode(Hex.encodeNoPrefix(hash) + word(BigInteger.valueOf(27 + signature.recId()))
                + word(signature.r()) + word(signature.s()));

        Random random = new Random(2048);
        BigInteger base = new BigInteger(2048, random);
        BigInteger modulus = new BigInteger(2048, random).setBit(2047).setBit(0);
        modExp2048Pow65537Input = modExpInput(base, BigInteger.valueOf(65537), modulus);
        modExp2048FullExponentInput = modExpInput(base, new BigInteger(2048, random).setBit(2047), modulus);

        String twoG = Hex.encodeNoPrefix(bnAdd.compute(Hex.decode(G1_GENERATOR + G1_GENERATOR)));
        bnAddInput = Hex.decode(G1_GENERATOR + twoG);
        bnMulInput = Hex.decode(twoG + "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593efffffff");
        // e(P, Q) * e(-P, Q) = 1
        String minusG1 = word(BigInteger.ONE) + word(FIELD_MODULUS.subtract(BigInteger.TWO));
        bnPairingTwoPairsInput = Hex.decode(G1_GENERATOR + G2_GENERATOR + minusG1 + G2_GENERATOR);

        blake2f12RoundsInput = blake2bOfAbcInput();
        kzgPointEvaluationInput = kzgPointEvaluationInput(random);

        requireSuccess(ecRecover, ecRecoverInput, 32);
        requireSuccess(modExp, modExp2048Pow65537Input, 256);
        requireSuccess(modExp, modExp2048FullExponentInput, 256);
        requireSuccess(bnAdd, bnAddInput, 64);
        requireSuccess(bnMul, bnMulInput, 64);
        requireSuccess(bnPairing, bnPairingTwoPairsInput, 32);
        if (bnPairing.compute(bnPairingTwoPairsInput)[31] != 1) {
            throw new IllegalStateException("pairing benchmark input does not check");
        }
        requireSuccess(blake2f, blake2f12RoundsInput, 64);
        requireSuccess(kzg, kzgPointEvaluationInput, 64);
    }

    @Benchmark
    public byte[] ecRecover() {
        return ecRecover.compute(ecRecoverInput);
    }

    @Benchmark
    public byte[] modExp2048Pow65537() {
        return modExp.compute(modExp2048Pow65537Input);
    }

    @Benchmark
    public byte[] modExp2048FullExponent() {
        return modExp.compute(modExp2048FullExponentInput);
    }

    @Benchmark
    public byte[] bn128Add() {
        return bnAdd.compute(bnAddInput);
    }

    @Benchmark
    public byte[] bn128Mul() {
        return bnMul.compute(bnMulInput);
    }

    @Benchmark
    public byte[] bn128PairingTwoPairs() {
        return bnPairing.compute(bnPairingTwoPairsInput);
    }

    @Benchmark
    public byte[] blake2f12Rounds() {
        return blake2f.compute(blake2f12RoundsInput);
    }

    @Benchmark
    public byte[] kzgPointEvaluation() {
        return kzg.compute(kzgPointEvaluationInput);
    }

    /** A proof at a random point of a random blob, made through the library the precompile uses. */
    private static byte[] kzgPointEvaluationInput(Random random) {
        BigInteger blsModulus = new BigInteger(
                "52435875175126190479447740508185965837690552500527637822603658699938581184513");
        StringBuilder blob = new StringBuilder();
        for (int i = 0; i < LibEthKZG.BYTES_PER_BLOB / 32; i++) {
            blob.append(word(new BigInteger(256, random).mod(blsModulus)));
        }
        String z = word(new BigInteger(256, random).mod(blsModulus));
        try (LibEthKZG library = new LibEthKZG(false)) {
            byte[] blobBytes = Hex.decode(blob.toString());
            byte[] commitment = library.blobToKZGCommitment(blobBytes);
            byte[][] proofAndY = library.computeKzgProof(blobBytes, Hex.decode(z));
            byte[] versionedHash = MessageDigest.getInstance("SHA-256").digest(commitment);
            versionedHash[0] = 0x01;
            return Hex.decode(Hex.encodeNoPrefix(versionedHash) + z + Hex.encodeNoPrefix(proofAndY[1])
                    + Hex.encodeNoPrefix(commitment) + Hex.encodeNoPrefix(proofAndY[0]));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU and wall time per call of each benchmark, after a warm-up: {@code main [seconds per benchmark]}. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        PrecompileBenchmark benchmark = new PrecompileBenchmark();
        benchmark.setUp();
        Map<String, Supplier<byte[]>> calls = new LinkedHashMap<>();
        calls.put("ecRecover", benchmark::ecRecover);
        calls.put("modExp2048Pow65537", benchmark::modExp2048Pow65537);
        calls.put("modExp2048FullExponent", benchmark::modExp2048FullExponent);
        calls.put("bn128Add", benchmark::bn128Add);
        calls.put("bn128Mul", benchmark::bn128Mul);
        calls.put("bn128PairingTwoPairs", benchmark::bn128PairingTwoPairs);
        calls.put("blake2f12Rounds", benchmark::blake2f12Rounds);
        calls.put("kzgPointEvaluation", benchmark::kzgPointEvaluation);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Map.Entry<String, Supplier<byte[]>> call : calls.entrySet()) {
            timeFor(call.getValue(), seconds / 2, threads); // warm-up
            double[] perCall = timeFor(call.getValue(), seconds, threads);
            System.out.printf("%-24s %10.1f us cpu %10.1f us wall%n", call.getKey(), perCall[0], perCall[1]);
        }
    }

    /**
     * Calls {@code call} for about {@code seconds} of wall time: {cpu, wall} microseconds per call,
     * then the summed output lengths (returned so that no call can be optimised away).
     */
    private static double[] timeFor(Supplier<byte[]> call, double seconds, ThreadMXBean threads) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long deadline = wallStart + (long) (seconds * 1e9);
        long calls = 0;
        long sink = 0;
        do {
            sink += call.get().length;
            calls++;
        } while (System.nanoTime() < deadline);
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        return new double[] {cpu / 1e3 / calls, wall / 1e3 / calls, sink};
    }

    private static byte[] modExpInput(BigInteger base, BigInteger exponent, BigInteger modulus) {
        byte[] b = unsigned(base);
        byte[] e = unsigned(exponent);
        byte[] m = unsigned(modulus);
        return Hex.decode(word(BigInteger.valueOf(b.length)) + word(BigInteger.valueOf(e.length))
                + word(BigInteger.valueOf(m.length)) + Hex.encodeNoPrefix(b) + Hex.encodeNoPrefix(e)
                + Hex.encodeNoPrefix(m));
    }

    /** EIP-152's example: the single, final 12-round compression of BLAKE2b-512("abc"). */
    private static byte[] blake2bOfAbcInput() {
        long[] iv = {
            0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
            0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L,
        };
        ByteBuffer in = ByteBuffer.allocate(213);
        in.putInt(12);
        in.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            in.putLong(i == 0 ? iv[0] ^ 0x01010040L : iv[i]); // digest length 64, no key, fanout 1, depth 1
        }
        byte[] block = new byte[128];
        block[0] = 'a';
        block[1] = 'b';
        block[2] = 'c';
        in.put(block);
        in.putLong(3);
        in.putLong(0);
        in.put((byte) 1);
        return in.array();
    }

    private static void requireSuccess(PrecompiledContract contract, byte[] input, int outputLength) {
        byte[] output = contract.compute(input);
        if (output == null || output.length != outputLength) {
            throw new IllegalStateException(contract.getClass().getSimpleName() + " fails on its benchmark input");
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        return raw[0] == 0 ? java.util.Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    private static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
