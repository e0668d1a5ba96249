package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded runs of {@link RaftSimulation}: each one a random network (3 to 5 founding
 * voters, members added, promoted and removed), random faults, and every invariant checked after
 * every step. {@code -Draft.sim.runs=N} sets the number of runs (default 2000),
 * {@code -Draft.sim.firstSeed=S} the first seed (then S+1, ...), {@code -Draft.sim.chaosSeconds=C}
 * the virtual length of each run's fault phase (default 12),
 * {@code -Draft.sim.seed=S} replays one seed with a trace of its last events.
 */
class RaftSimulationTest {

    @Test
    void seededRunsKeepEveryInvariant() {
        long chaosSeconds = Long.getLong("raft.sim.chaosSeconds", 12);
        RaftSimulation.Options options = RaftSimulation.Options.standard().withChaos(chaosSeconds * 1_000_000_000L);
        String replay = System.getProperty("raft.sim.seed");
        if (replay != null && !replay.isBlank()) {
            RaftSimulation.Result r = RaftSimulation.run(Long.parseLong(replay.trim()), options.traced());
            System.out.println("Raft simulation replay: " + r);
            return;
        }
        int runs = Integer.getInteger("raft.sim.runs", 2000);
        long firstSeed = Long.getLong("raft.sim.firstSeed", 0x5eed_0000L);
        long started = System.nanoTime();
        long steps = 0;
        long virtualNanos = 0;
        long height = 0;
        long transactions = 0;
        long noOps = 0;
        long leaders = 0;
        long crashes = 0;
        long snapshots = 0;
        long memberships = 0;
        java.util.Map<String, Integer> changes = new java.util.TreeMap<>();
        for (int i = 0; i < runs; i++) {
            long seed = firstSeed + i;
            RaftSimulation.Result r;
            try {
                r = RaftSimulation.run(seed, options);
            } catch (RaftSimulation.Failure f) {
                // replay the same seed with a trace of its last events, to show what happened
                try {
                    RaftSimulation.run(seed, options.traced());
                } catch (RaftSimulation.Failure traced) {
                    throw traced;
                }
                throw f;
            }
            steps += r.steps();
            virtualNanos += r.virtualNanos();
            height += r.canonicalHeight();
            transactions += r.transactions();
            noOps += r.noOps();
            leaders += r.leaders();
            crashes += r.crashes();
            snapshots += r.snapshotsInstalled();
            memberships += r.membershipChanges();
            r.changes().forEach((k, v) -> changes.merge(k, v, Integer::sum));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Raft simulation: %d runs, %d steps, %.1f s wall (%.0f steps/s), %.0f s virtual;"
                        + " %d blocks, %d transactions, %d block-race no-ops, %d leaders, %d crashes,"
                        + " %d snapshots installed, %d membership changes %s%n",
                runs, steps, seconds, steps / seconds, virtualNanos / 1e9, height, transactions, noOps, leaders, crashes,
                snapshots, memberships, changes);
        assertTrue(noOps > 0, "the runs exercised the block race rule");
        assertTrue(snapshots > 0, "the runs exercised snapshots");
        if (runs >= 500) {
            for (String kind : java.util.List.of("add learner", "add voter", "promote learner", "remove", "remove the leader")) {
                assertTrue(changes.getOrDefault(kind, 0) > 0, "the runs exercised membership change: " + kind);
            }
        }
    }
}
