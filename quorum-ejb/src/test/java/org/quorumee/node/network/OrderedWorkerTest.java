package org.quorumee.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderedWorkerTest {

    @Test
    void runsTasksOneAtATimeInTheOrderGiven() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            OrderedWorker worker = new OrderedWorker("test", executor, Long.MAX_VALUE);
            List<Integer> ran = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(1000);
            for (int i = 0; i < 1000; i++) {
                int n = i;
                worker.submit(1, () -> {
                    ran.add(n);
                    all.countDown();
                });
            }
            assertTrue(all.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, ran.get(i));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theGiverWaitsWhileTooMuchWaits() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            OrderedWorker worker = new OrderedWorker("test", executor, 100);
            CountDownLatch release = new CountDownLatch(1);
            worker.submit(60, () -> awaitQuietly(release));
            worker.submit(40, () -> { });
            Thread giver = new Thread(() -> {
                try {
                    worker.submit(10, () -> { });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            giver.start();
            giver.join(300);
            assertTrue(giver.isAlive(), "100 bytes wait: the next message waits for room");
            release.countDown();
            giver.join(5000);
            assertTrue(!giver.isAlive(), "room was made");
            // one message larger than the limit still goes through when nothing waits
            CountDownLatch big = new CountDownLatch(1);
            worker.submit(1000, big::countDown);
            assertTrue(big.await(5, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
