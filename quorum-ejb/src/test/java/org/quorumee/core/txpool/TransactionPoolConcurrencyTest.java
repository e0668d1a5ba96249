package org.quorumee.core.txpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/** Several threads add while one producer takes blocks and imports them: nothing lost, nothing twice, nonces in order. */
class TransactionPoolConcurrencyTest {
    private static final int THREADS = 4;
    private static final int SENDERS_PER_THREAD = 10;
    private static final int NONCES = 15;

    @Test
    void addersAndOneProducer() throws Exception {
        PoolFixture f = new PoolFixture();
        List<List<Transaction>> work = new ArrayList<>();
        int keyIndex = 1;
        for (int t = 0; t < THREADS; t++) {
            List<Transaction> txs = new ArrayList<>();
            for (int s = 0; s < SENDERS_PER_THREAD; s++) {
                KeyPair key = f.funded(keyIndex++);
                for (int n = 0; n < NONCES; n++) {
                    txs.add(PoolFixture.legacy(key, n, n % 3));
                }
            }
            work.add(txs);
        }
        int total = THREADS * SENDERS_PER_THREAD * NONCES;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger announced = new AtomicInteger();
        // the producer waits on this when the pool has nothing for it, instead of spinning
        Semaphore newPending = new Semaphore(0);
        f.pool.addListener(txs -> {
            announced.addAndGet(txs.size());
            newPending.release();
        });
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch addersDone = new CountDownLatch(THREADS);

        List<Thread> threads = new ArrayList<>();
        for (List<Transaction> txs : work) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (Transaction tx : txs) {
                        f.pool.add(tx);
                        f.pool.status();
                        f.pool.pendingNonce(tx.sender());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    addersDone.countDown();
                }
            }));
        }
        Map<Address, Long> included = new HashMap<>();
        AtomicInteger includedCount = new AtomicInteger();
        Thread producer = new Thread(() -> {
            try {
                start.await();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (includedCount.get() < total) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the producer included " + includedCount.get() + " of " + total
                                + " transactions within 120 s");
                    }
                    List<Transaction> block = f.pool.pendingByPriceAndNonce(null).take(25 * 21_000L);
                    for (Transaction tx : block) {
                        long expected = included.getOrDefault(tx.sender(), 0L);
                        if (tx.nonce() != expected) {
                            throw new AssertionError("nonce " + tx.nonce() + " of " + tx.sender() + ", expected " + expected);
                        }
                        included.put(tx.sender(), expected + 1);
                        f.state.nonce(tx.sender(), expected + 1);
                        includedCount.incrementAndGet();
                    }
                    f.newHead();
                    if (block.isEmpty() && addersDone.getCount() == 0 && f.pool.status().pending() == 0) {
                        break;
                    }
                    if (block.isEmpty()) {
                        // nothing pending yet: wait for an announcement (bounded, so the loop re-checks the exit)
                        newPending.tryAcquire(10, TimeUnit.MILLISECONDS);
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        threads.add(producer);
        threads.forEach(Thread::start);
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        List<String> running = threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        threads.forEach(Thread::interrupt);
        assertTrue(running.isEmpty(), () -> "still running after 150 s: " + running + "; failures: " + failures);
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        assertEquals(total, includedCount.get());
        assertEquals(new PoolStatus(0, 0), f.pool.status());
        assertEquals(total, announced.get(), "every transaction was announced once as pending");
    }
}
