package org.quorumee.bench.txpool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.ChainConfig;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.SenderCache;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.txpool.AccountStateReader;
import org.quorumee.core.txpool.TransactionPool;
import org.quorumee.core.txpool.TransactionPoolConfig;
import org.quorumee.core.types.Address;
import org.quorumee.node.config.JsonTree;

/**
 * The pool under load, on one thread: adds per second of signed transfers from 1,000 senders
 * (decoded from their raw bytes, so signature recovery included; then already decoded with their
 * senders recovered, so excluded), and the selection of a 1,000-transaction block from a pool of
 * 5,000 (at price 0, as on Quorum, and at random prices). Prints figures, asserts nothing.
 *
 * <p>Run: {@code java -cp ... org.quorumee.bench.txpool.TransactionPoolBenchmark [senders] [noncesPerSender] [rounds]}
 */
public final class TransactionPoolBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long CHAIN_ID = 10;
    private static final Address TO = Address.fromHex("0x3535353535353535353535353535353535353535");

    private TransactionPoolBenchmark() {
    }

    /** Every account rich, nonce 0. */
    private static final class RichState implements AccountStateReader {
        private static final BigInteger RICH = BigInteger.TEN.pow(30);

        @Override
        public long nonce(Address address) {
            return 0;
        }

        @Override
        public BigInteger balance(Address address) {
            return RICH;
        }
    }

    private record Stamp(long wall, long cpu) {
        static Stamp now() {
            return new Stamp(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
        }
    }

    public static void main(String[] args) throws Exception {
        int senders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int nonces = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ChainConfig chain = ChainConfig.fromJson(JsonTree.parse(
                "{\"chainId\": " + CHAIN_ID + ", \"isQuorum\": true, \"londonBlock\": 0, \"enableGasPriceBlock\": 0}"));
        BlockHeader head = BlockHeader.builder().number(1).gasLimit(700_000_000L).timestamp(1_700_000_000L).build();

        Random random = new Random(42);
        Stamp signStart = Stamp.now();
        List<byte[]> zeroPriced = new ArrayList<>();
        List<byte[]> randomPriced = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            secret[0] = 0x11;
            KeyPair key = KeyPair.fromPrivateKey(secret);
            for (int n = 0; n < nonces; n++) {
                zeroPriced.add(transfer(n, 0).sign(key).encoded());
                randomPriced.add(transfer(n, random.nextInt(100)).sign(key).encoded());
            }
        }
        int count = zeroPriced.size();
        System.out.printf("signed %d + %d transfers from %d senders in %s%n", count, count, senders, since(signStart));

        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round + (round == 1 ? " (cold JIT)" : ""));
            // Decoding from raw bytes leaves the sender unrecovered: add() recovers it (none cached from the last round).
            SenderCache.clear();
            TransactionPool withRecovery = newPool(chain, head);
            Stamp start = Stamp.now();
            for (byte[] raw : zeroPriced) {
                withRecovery.add(Transaction.decode(raw, CHAIN_ID));
            }
            report("add, decode + signature recovery included", count, start);

            List<Transaction> recovered = new ArrayList<>(count);
            for (byte[] raw : randomPriced) {
                Transaction tx = Transaction.decode(raw, CHAIN_ID);
                tx.sender();
                recovered.add(tx);
            }
            TransactionPool priced = newPool(chain, head);
            start = Stamp.now();
            for (Transaction tx : recovered) {
                priced.add(tx);
            }
            report("add, sender already recovered", count, start);

            select("select 1,000 of " + count + ", all at price 0", withRecovery);
            select("select 1,000 of " + count + ", random prices", priced);
        }
    }

    private static Transaction.Builder transfer(long nonce, long gasPrice) {
        return Transaction.builder(TransactionType.LEGACY).chainId(CHAIN_ID).nonce(nonce)
                .gasPrice(BigInteger.valueOf(gasPrice)).gasLimit(21_000).to(TO).value(BigInteger.ONE);
    }

    private static TransactionPool newPool(ChainConfig chain, BlockHeader head) {
        return new TransactionPool(chain, TransactionPoolConfig.DEFAULT, Clock.systemUTC(), head, new RichState());
    }

    private static void select(String label, TransactionPool pool) {
        int repeats = 50;
        int selected = 0;
        Stamp start = Stamp.now();
        for (int i = 0; i < repeats; i++) {
            selected = pool.pendingByPriceAndNonce(BigInteger.ZERO).take(1_000 * 21_000L).size();
        }
        Stamp end = Stamp.now();
        System.out.printf("  %-45s %d transactions, %.2f ms per block (cpu %.2f ms)%n", label, selected,
                (end.wall() - start.wall()) / 1e6 / repeats, (end.cpu() - start.cpu()) / 1e6 / repeats);
    }

    private static void report(String label, int count, Stamp start) {
        Stamp end = Stamp.now();
        double seconds = (end.wall() - start.wall()) / 1e9;
        double cpuSeconds = (end.cpu() - start.cpu()) / 1e9;
        // The machine is shared: the CPU-time rate is what one free core would do.
        System.out.printf("  %-45s %d in %s: %,.0f adds/s (%,.0f per cpu-second)%n", label, count, since(start, end),
                count / seconds, count / cpuSeconds);
    }

    private static String since(Stamp start) {
        return since(start, Stamp.now());
    }

    private static String since(Stamp from, Stamp to) {
        return String.format("%.1f ms (cpu %.1f ms)", (to.wall() - from.wall()) / 1e6, (to.cpu() - from.cpu()) / 1e6);
    }
}
