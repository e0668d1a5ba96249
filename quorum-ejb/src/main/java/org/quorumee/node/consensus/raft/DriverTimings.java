package org.quorumee.node.consensus.raft;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where the Raft driver's and its applier's time goes, summed over a window and reported once per
 * window when something happened (blocks applied or minted, a long turn, a leader change): what an
 * operator reads to see why blocks come slowly or followers call elections (etcd warns likewise when
 * an apply takes too long). Not thread-safe: the driver's thread owns it (the applier's times reach
 * it with the applier's outcomes).
 */
final class DriverTimings {
    /**
     * The phases of one turn of the driver's loop (events, minting, the log write of a Ready, then the
     * rest of the Ready: messages sent, snapshot installed, entries handed to the applier), and the
     * applier's work.
     */
    enum Phase {
        EVENTS, MINT, PERSIST, HAND_OVER, APPLY
    }

    private final long windowNanos;
    private final long longTurnNanos;
    private final Consumer<String> report;
    private long windowStart;
    private final long[] phaseNanos = new long[Phase.values().length];
    private long longestTurnNanos;
    private long longTurns;
    private long blocksApplied;
    private long transactionsApplied;
    private long blocksMinted;
    private long transactionsMinted;
    private long leaderChanges;
    private long mostUnapplied;

    /**
     * @param windowNanos   how often a summary is reported
     * @param longTurnNanos a turn longer than this is counted as long (peers may have called an election meanwhile)
     * @param report        where summaries go
     * @param now           the driver's clock (System.nanoTime) now
     */
    DriverTimings(long windowNanos, long longTurnNanos, Consumer<String> report, long now) {
        this.windowNanos = windowNanos;
        this.longTurnNanos = longTurnNanos;
        this.report = report;
        this.windowStart = now;
    }

    void add(Phase phase, long nanos) {
        phaseNanos[phase.ordinal()] += nanos;
    }

    void applied(int transactions) {
        blocksApplied++;
        transactionsApplied += transactions;
    }

    void minted(int transactions) {
        blocksMinted++;
        transactionsMinted += transactions;
    }

    /** Committed entries waiting for the applier now. */
    void unapplied(int entries) {
        mostUnapplied = Math.max(mostUnapplied, entries);
    }

    void leaderChanged() {
        leaderChanges++;
    }

    /** A turn of the loop ended; reports the window when it is over. */
    void turn(long turnNanos, long now) {
        longestTurnNanos = Math.max(longestTurnNanos, turnNanos);
        if (turnNanos > longTurnNanos) {
            longTurns++;
        }
        if (now - windowStart < windowNanos) {
            return;
        }
        if (blocksApplied > 0 || blocksMinted > 0 || longTurns > 0 || leaderChanges > 0) {
            report.accept(summary(now - windowStart));
        }
        windowStart = now;
        Arrays.fill(phaseNanos, 0);
        longestTurnNanos = longTurns = blocksApplied = transactionsApplied = blocksMinted = transactionsMinted = leaderChanges = 0;
        mostUnapplied = 0;
    }

    String summary(long elapsedNanos) {
        return String.format(Locale.ROOT,
                "raft: last %d ms: minted %d block(s) (%d tx), applied %d block(s) (%d tx); driver busy: events %d ms,"
                        + " minting %d ms, persisting %d ms, sending and handing over %d ms; longest turn %d ms, %d turn(s) over %d ms; applier busy %d ms,"
                        + " at most %d entries waiting for it; %d leader change(s)",
                ms(elapsedNanos), blocksMinted, transactionsMinted, blocksApplied, transactionsApplied,
                ms(phaseNanos[Phase.EVENTS.ordinal()]), ms(phaseNanos[Phase.MINT.ordinal()]),
                ms(phaseNanos[Phase.PERSIST.ordinal()]), ms(phaseNanos[Phase.HAND_OVER.ordinal()]), ms(longestTurnNanos), longTurns, ms(longTurnNanos),
                ms(phaseNanos[Phase.APPLY.ordinal()]), mostUnapplied, leaderChanges);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
