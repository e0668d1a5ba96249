package org.quorumee.node.network;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in the order they were given, on an executor's thread. Who gives a task
 * waits while more than {@code maxQueuedBytes} of earlier tasks' messages wait (back-pressure: the
 * messages stay in the broker, on disk, rather than in the heap), or, with {@link #offer}, has it
 * refused. An executor that refuses to run the queue (a server stopping) leaves it to the next task.
 */
final class OrderedWorker {
    private static final Logger LOG = Logger.getLogger(OrderedWorker.class.getName());

    private record Task(long bytes, Runnable work) {
    }

    private final String name;
    private final Executor executor;
    private final long maxQueuedBytes;
    private final ConcurrentLinkedQueue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private long queuedBytes; // guarded by this

    OrderedWorker(String name, Executor executor, long maxQueuedBytes) {
        this.name = name;
        this.executor = executor;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Queues {@code work} (for a message of {@code bytes}); waits first while too much waits. */
    void submit(long bytes, Runnable work) throws InterruptedException {
        synchronized (this) {
            while (noRoomFor(bytes)) {
                wait();
            }
            queuedBytes += bytes;
        }
        enqueue(bytes, work);
    }

    /**
     * Queues {@code work} unless more than {@code maxQueuedBytes} of earlier tasks wait: then it is not
     * queued and this answers false (for work its giver can drop, because it will be asked for again).
     */
    boolean offer(long bytes, Runnable work) {
        synchronized (this) {
            if (noRoomFor(bytes)) {
                return false;
            }
            queuedBytes += bytes;
        }
        enqueue(bytes, work);
        return true;
    }

    /** Whether too much waits for {@code bytes} more; one task always goes in when nothing waits. Holds this. */
    private boolean noRoomFor(long bytes) {
        return queuedBytes > 0 && queuedBytes + bytes > maxQueuedBytes;
    }

    /** Queues work whose bytes are already counted, and makes sure a drain runs. */
    private void enqueue(long bytes, Runnable work) {
        tasks.add(new Task(bytes, work));
        drain();
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        Runnable drainer = () -> {
            try {
                for (Task task = tasks.poll(); task != null; task = tasks.poll()) {
                    try {
                        task.work().run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, name + ": a task failed", e);
                    } finally {
                        done(task.bytes());
                    }
                }
            } finally {
                draining.set(false);
            }
            // a task given after the last poll, while this drain was still marked running
            if (!tasks.isEmpty()) {
                drain();
            }
        };
        try {
            executor.execute(drainer);
        } catch (RuntimeException e) {
            draining.set(false); // the executor is shutting down: the queued tasks are dropped with the node
            LOG.log(Level.FINE, name + ": the executor refused to run the queued tasks", e);
        }
    }

    private synchronized void done(long bytes) {
        queuedBytes -= bytes;
        notifyAll();
    }
}
