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
 * then 1,000 account updates and a new root, then commits to an in-memory store, then 1,000 updates
 * on a trie reopened at the root (nodes loaded from the store as a block import does). Prints figures.
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
        Clock start = Clock.now();
        for (int i = 0; i < accounts; i++) {
            StateAccount account = StateAccount.ofBalance(BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE))
                    .withNonce(random.nextInt(1000));
            trie.put(addresses[i], account.encode());
        }
        Clock inserted = Clock.now();
        byte[] root = trie.rootHash();
        Clock rooted = Clock.now();
        long heapAfter = usedHeapAfterGc();
        System.out.printf("  insert %,d accounts: %s, first root: %s, total %s; heap held by the trie: %.1f MB%n",
                accounts, ms(start, inserted), ms(inserted, rooted), ms(start, rooted), (heapAfter - heapBefore) / 1e6);

        start = Clock.now();
        trie.commit();
        Clock committed = Clock.now();
        System.out.printf("  commit: %,d nodes in %d batch, %s%n", store.nodes, store.batches, ms(start, committed));

        long nodesBefore = store.nodes;
        start = Clock.now();
        for (int i = 0; i < updates; i++) {
            byte[] address = addresses[random.nextInt(accounts)];
            StateAccount account = StateAccount.decode(trie.get(address).orElseThrow());
            trie.put(address, account.withNonce(account.nonce() + 1).encode());
        }
        byte[] newRoot = trie.rootHash();
        Clock updated = Clock.now();
        trie.commit();
        Clock committedAgain = Clock.now();
        System.out.printf("  %,d updates (read, decode, write) + new root: %s; commit: %,d nodes, %s%n",
                updates, ms(start, updated), store.nodes - nodesBefore, ms(updated, committedAgain));
        if (java.util.Arrays.equals(root, newRoot)) {
            throw new IllegalStateException("root did not change");
        }

        // The per-block case: a trie opened at the parent's root, nodes loaded from the store on demand.
        SecureTrie reopened = new SecureTrie(store, newRoot);
        nodesBefore = store.nodes;
        start = Clock.now();
        for (int i = 0; i < updates; i++) {
            byte[] address = addresses[random.nextInt(accounts)];
            StateAccount account = StateAccount.decode(reopened.get(address).orElseThrow());
            reopened.put(address, account.withBalance(account.balance().add(BigInteger.ONE)).encode());
        }
        reopened.rootHash();
        Clock reupdated = Clock.now();
        reopened.commit();
        Clock recommitted = Clock.now();
        System.out.printf("  reopened at the root: %,d updates + new root: %s; commit: %,d nodes, %s%n",
                updates, ms(start, reupdated), store.nodes - nodesBefore, ms(reupdated, recommitted));
    }

    /** Wall time and this thread's CPU time (the machine is shared: CPU time is the steadier figure). */
    private record Clock(long wall, long cpu) {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

        static Clock now() {
            return new Clock(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
        }
    }

    private static String ms(Clock from, Clock to) {
        return String.format("%.1f ms (cpu %.1f ms)", (to.wall() - from.wall()) / 1e6, (to.cpu() - from.cpu()) / 1e6);
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
