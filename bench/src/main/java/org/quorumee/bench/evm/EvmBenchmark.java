package org.quorumee.bench.evm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.BlockContext;
import org.quorumee.core.evm.CallResult;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.evm.Evm;
import org.quorumee.core.evm.ForkRules;
import org.quorumee.core.evm.TxContext;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.UInt256;

/**
 * Gas per second of the interpreter on solc-compiled contracts (resources {@code evm/*.sol} and
 * their {@code .bin}): each contract is deployed, then {@code run(n)} is called in a loop, first to
 * warm the JIT, then measured. Prints Mgas/s on wall time and on the thread's CPU time (the machine
 * may be shared). Asserts nothing.
 *
 * <p>With {@code deadline}, every run carries an abort check as eth_call's (a deadline read from
 * the clock each time the interpreter asks, far in the future): the cost of the check when it is
 * active. Without, none (block production's case).
 *
 * <p>Run: {@code java -cp ... org.quorumee.bench.evm.EvmBenchmark [seconds per contract] [deadline]}
 */
public final class EvmBenchmark {
    private static final Address SENDER = Address.fromHex("0x1000000000000000000000000000000000000001");
    private static final Address CONTRACT = Address.fromHex("0x2000000000000000000000000000000000000002");
    private static final long GAS = 1_000_000_000L;

    private EvmBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        boolean deadline = args.length > 1 && args[1].equals("deadline");
        long far = System.nanoTime() + 3_600_000_000_000L;
        AbortCheck abort = deadline ? () -> System.nanoTime() - far >= 0 : AbortCheck.NEVER;
        System.out.println(deadline ? "with an eth_call deadline check" : "without an abort check");
        bench("KeccakLoop", 10_000, seconds, abort);
        bench("TokenTransfers", 1_000, seconds, abort);
        bench("Sorting", 300, seconds, abort);
        bench("Arithmetic", 100_000, seconds, abort);
    }

    private static void bench(String name, long n, double seconds, AbortCheck abort) {
        ForkRules rules = ForkRules.of(Fork.CANCUN);
        CodeCache codeCache = new CodeCache(64);
        WorldState state = new WorldState(new InMemoryNodeStore(), WorldState.EMPTY_TRIE_ROOT);
        state.putAccount(SENDER, 0, BigInteger.TEN.pow(30), new byte[0], java.util.Map.of());
        BlockContext block = new BlockContext(Address.ZERO, 1, 1_700_000_000L, 30_000_000_000L, BigInteger.ONE,
                new byte[32], BigInteger.valueOf(1337), BigInteger.ONE,
                number -> Keccak.keccak256(Long.toString(number).getBytes(StandardCharsets.US_ASCII)));
        TxContext tx = new TxContext(SENDER, BigInteger.ONE, java.util.List.of());

        CallResult deployed = new Evm(rules, state, block, tx, codeCache)
                .createContract(SENDER, CONTRACT, BigInteger.ZERO, Hex.decode(resource(name + ".bin")), GAS, 0);
        if (!deployed.isSuccess()) {
            throw new IllegalStateException(name + " did not deploy: " + deployed.error());
        }
        state.finalizeTransaction();

        byte[] input = new byte[36];
        System.arraycopy(Keccak.keccak256("run(uint256)".getBytes(StandardCharsets.US_ASCII)), 0, input, 0, 4);
        System.arraycopy(UInt256.of(n).toBytes(), 0, input, 4, 32);

        runFor(rules, state, block, tx, codeCache, input, seconds / 2, name, abort); // JIT warm-up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long[] gasAndCalls = runFor(rules, state, block, tx, codeCache, input, seconds, name, abort);
        long wall = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        System.out.printf("%-15s n=%-7d %6d calls, %8.1f Mgas/s wall, %8.1f Mgas/s cpu, %.2f ms/call%n", name, n,
                gasAndCalls[1], gasAndCalls[0] * 1e3 / wall, gasAndCalls[0] * 1e3 / cpu,
                wall / 1e6 / gasAndCalls[1]);
    }

    private static long[] runFor(ForkRules rules, WorldState state, BlockContext block, TxContext tx,
            CodeCache codeCache, byte[] input, double seconds, String name, AbortCheck abort) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long gasUsed = 0;
        long calls = 0;
        while (System.nanoTime() < deadline) {
            CallResult result = new Evm(rules, state, block, tx, codeCache, null, abort)
                    .call(Evm.CallKind.CALL, SENDER, CONTRACT, CONTRACT, BigInteger.ZERO, input, GAS, false, 0);
            if (!result.isSuccess()) {
                throw new IllegalStateException(name + " failed: " + result.error() + " "
                        + Arrays.toString(result.output()));
            }
            state.finalizeTransaction();
            gasUsed += GAS - result.gasLeft();
            calls++;
        }
        return new long[] {gasUsed, calls};
    }

    private static String resource(String name) {
        try (InputStream in = EvmBenchmark.class.getResourceAsStream("/evm/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource evm/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
