package org.quorumee.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedWorkerTest {
    /** Several threads: the worker must still run its tasks one at a time, in order. */
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void runsTasksOneAtATimeInTheOrderGiven() throws Exception {
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
    }

    @Test
    void theGiverWaitsWhileTooMuchWaits() throws Exception {
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
    }

    @Test
    void offerRefusesWhileTooMuchWaitsAndTakesAgainOnceRoomIsMade() throws Exception {
        OrderedWorker worker = new OrderedWorker("test", executor, 100);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(2);
        assertTrue(worker.offer(60, () -> awaitQuietly(release)));
        assertTrue(worker.offer(40, ran::countDown));
        assertTrue(!worker.offer(10, () -> { }), "100 bytes wait: refused, not waited for");
        release.countDown();
        // one task larger than the limit is still taken once nothing waits
        assertTrue(offerUntilTaken(worker, 1000, ran::countDown), "taken once room was made");
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }

    @Test
    void anExecutorThatRefusedOnceDoesNotStopTheQueueForGood() throws Exception {
        AtomicBoolean refuse = new AtomicBoolean(true);
        Executor flaky = task -> {
            if (refuse.getAndSet(false)) {
                throw new RejectedExecutionException("suspended");
            }
            executor.execute(task);
        };
        OrderedWorker worker = new OrderedWorker("test", flaky, Long.MAX_VALUE);
        CountDownLatch both = new CountDownLatch(2);
        assertTrue(worker.offer(1, both::countDown)); // queued, but the executor refused to run it
        assertTrue(worker.offer(1, both::countDown)); // runs both, in order
        assertTrue(both.await(5, TimeUnit.SECONDS));
    }

    private static boolean offerUntilTaken(OrderedWorker worker, long bytes, Runnable work) throws InterruptedException {
        for (int attempt = 0; attempt < 250; attempt++) {
            if (worker.offer(bytes, work)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
