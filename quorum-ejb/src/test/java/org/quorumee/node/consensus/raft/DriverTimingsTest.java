package org.quorumee.node.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DriverTimingsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void reportsAWindowOnceItIsOverAndSomethingHappened() {
        List<String> reports = new ArrayList<>();
        DriverTimings timings = new DriverTimings(10_000 * MS, 1_000 * MS, reports::add, 0);
        timings.turn(5 * MS, 9_000 * MS);
        assertEquals(List.of(), reports, "the window is not over");
        timings.turn(5 * MS, 10_000 * MS);
        assertEquals(List.of(), reports, "nothing happened: nothing to say");

        timings.minted(3);
        timings.applied(3);
        timings.add(DriverTimings.Phase.APPLY, 1_200 * MS);
        timings.add(DriverTimings.Phase.PERSIST, 30 * MS);
        timings.add(DriverTimings.Phase.HAND_OVER, 7 * MS);
        timings.unapplied(2);
        timings.unapplied(1);
        timings.leaderChanged();
        timings.turn(1_500 * MS, 20_000 * MS);
        assertEquals(1, reports.size());
        String report = reports.get(0);
        assertTrue(report.contains("minted 1 block(s) (3 tx), applied 1 block(s) (3 tx)"), report);
        assertTrue(report.contains("applier busy 1200 ms, at most 2 entries waiting for it"), report);
        assertTrue(report.contains("persisting 30 ms, sending and handing over 7 ms"), report);
        assertTrue(report.contains("longest turn 1500 ms, 1 turn(s) over 1000 ms"), report);
        assertTrue(report.contains("1 leader change(s)"), report);

        timings.turn(5 * MS, 30_000 * MS);
        assertEquals(1, reports.size(), "a quiet window after it says nothing");
    }
}
