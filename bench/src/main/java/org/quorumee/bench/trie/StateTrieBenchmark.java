package org.quorumee.bench.trie;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.trie.SecureTrie;

/**
 * A state-sized trie: 100,000 random accounts in a secure trie (root time, heap used after GC),
 * then 1,000 account updates and a new root, then commits to an in-memory store. Prints figures.
 *
 * <p>Run: {@code java -cp ... org.quorumee.bench.trie.StateTrieBenchmark [accounts] [updates] [rounds]}
 */
public final class StateTrieBenchmark {
    private StateTrieBenchmark() {
    }

    /** Counts batches and nodes on their way to an in-memory store. */
    private static final class CountingStore implements NodeStore {
        private final InMemoryNodeStore inner = new InMemoryNodeStore();
        private long batches;
        private long nodes;

        @Override
        public java.util.Optional<byte[]> get(byte[] hash) {
            return inner.get(hash);
        }

        @Override
        public void write(List<Entry> batch) {
            batches++;
            nodes += batch.size();
            inner.write(batch);
        }
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int updates = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round + (round == 1 ? " (cold JIT)" : ""));
            run(accounts, updates, new Random(round));
        }
    }

    private static void run(int accounts, int updates, Random random) {
        byte[][] addresses = new byte[accounts][20];
        for (byte[] address : addresses) {
            random.nextBytes(address);
        }
        long heapBefore = usedHeapAfterGc();

        CountingStore store = new CountingStore();
        SecureTrie trie = new SecureTrie(store);
        long start = System.nanoTime();
        for (int i = 0; i < accounts; i++) {
            StateAccount account = StateAccount.ofBalance(BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE))
                    .withNonce(random.nextInt(1000));
            trie.put(addresses[i], account.encode());
        }
        long inserted = System.nanoTime();
        byte[] root = trie.rootHash();
        long rooted = System.nanoTime();
        long heapAfter = usedHeapAfterGc();
        System.out.printf("  insert %,d accounts: %.1f ms, first root: %.1f ms, total %.1f ms; heap held by the trie: %.1f MB%n",
                accounts, ms(start, inserted), ms(inserted, rooted), ms(start, rooted), (heapAfter - heapBefore) / 1e6);

        start = System.nanoTime();
        trie.commit();
        long committed = System.nanoTime();
        System.out.printf("  commit: %,d nodes in %d batch, %.1f ms%n", store.nodes, store.batches, ms(start, committed));

        long nodesBefore = store.nodes;
        start = System.nanoTime();
        for (int i = 0; i < updates; i++) {
            byte[] address = addresses[random.nextInt(accounts)];
            StateAccount account = StateAccount.decode(trie.get(address).orElseThrow());
            trie.put(address, account.withNonce(account.nonce() + 1).encode());
        }
        byte[] newRoot = trie.rootHash();
        long updated = System.nanoTime();
        trie.commit();
        long committedAgain = System.nanoTime();
        System.out.printf("  %,d updates (read, decode, write) + new root: %.1f ms; commit: %,d nodes, %.1f ms%n",
                updates, ms(start, updated), store.nodes - nodesBefore, ms(updated, committedAgain));
        if (java.util.Arrays.equals(root, newRoot)) {
            throw new IllegalStateException("root did not change");
        }
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
