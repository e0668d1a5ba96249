package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WritableRaftStorage} must do, written once: the in-memory storage and the JPA
 * storage (H2, PostgreSQL) extend this. Expected values are hand-computed from etcd's storage
 * semantics (compaction point, truncation on conflict, snapshot replaces the log).
 */
public abstract class RaftStorageContract {

    /** A new, empty storage. */
    protected abstract WritableRaftStorage newStorage();

    /** The same stored data read through a new instance (a restart); the in-memory one returns itself. */
    protected abstract WritableRaftStorage reopen(WritableRaftStorage storage);

    protected static Entry entry(long index, long term) {
        return new Entry(index, term, EntryType.NORMAL, ("e" + index + "@" + term).getBytes());
    }

    private static List<Entry> entries(long from, long to, long term) {
        List<Entry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(entry(i, term));
        }
        return out;
    }

    private static final ConfState MEMBERS = new ConfState(new TreeSet<>(List.of(1L, 2L, 3L)), new TreeSet<>(List.of(4L)));

    @Test
    public void anEmptyStorageHoldsNothing() {
        WritableRaftStorage s = newStorage();
        assertEquals(1, s.firstIndex());
        assertEquals(0, s.lastIndex());
        assertEquals(0, s.term(0));
        assertThrows(LogUnavailableException.class, () -> s.term(1));
        assertEquals(List.of(), s.entries(1, 1, Long.MAX_VALUE));
        assertThrows(LogUnavailableException.class, () -> s.entries(1, 2, Long.MAX_VALUE));
        assertThrows(LogCompactedException.class, () -> s.entries(0, 1, Long.MAX_VALUE));
        assertEquals(Snapshot.EMPTY, s.snapshot());
        assertEquals(new InitialState(HardState.EMPTY, ConfState.EMPTY), s.initialState());
    }

    @Test
    public void appendedEntriesReadBackWithinSizeLimits() {
        WritableRaftStorage s = newStorage();
        s.append(List.of(entry(1, 1), entry(2, 1), entry(3, 2), entry(4, 2), entry(5, 3)));
        assertEquals(1, s.firstIndex());
        assertEquals(5, s.lastIndex());
        assertEquals(2, s.term(3));
        assertEquals(3, s.term(5));
        assertEquals(List.of(entry(2, 1), entry(3, 2), entry(4, 2)), s.entries(2, 5, Long.MAX_VALUE));
        // a limit below the first entry's size still returns that entry
        assertEquals(List.of(entry(2, 1)), s.entries(2, 5, 1));
        long two = entry(2, 1).byteSize() + entry(3, 2).byteSize();
        assertEquals(List.of(entry(2, 1), entry(3, 2)), s.entries(2, 5, two));
        assertEquals(List.of(entry(2, 1), entry(3, 2)), s.entries(2, 5, two + entry(4, 2).byteSize() - 1));
        assertThrows(LogUnavailableException.class, () -> s.entries(4, 7, Long.MAX_VALUE));
    }

    @Test
    public void anAppendReplacesAConflictingSuffix() {
        WritableRaftStorage s = newStorage();
        s.append(entries(1, 5, 1));
        s.append(List.of(entry(4, 4), entry(5, 4), entry(6, 4)));
        assertEquals(6, s.lastIndex());
        assertEquals(List.of(entry(3, 1), entry(4, 4), entry(5, 4), entry(6, 4)), s.entries(3, 7, Long.MAX_VALUE));
        s.append(List.of(entry(3, 5)));
        assertEquals(3, s.lastIndex());
        assertEquals(5, s.term(3));
        assertThrows(LogUnavailableException.class, () -> s.term(4));
    }

    @Test
    public void anAppendMayNotLeaveAGap() {
        WritableRaftStorage s = newStorage();
        s.append(entries(1, 3, 1));
        assertThrows(IllegalStateException.class, () -> s.append(List.of(entry(5, 1))));
        assertEquals(3, s.lastIndex());
    }

    @Test
    public void theHardStateIsOverwritten() {
        WritableRaftStorage s = newStorage();
        s.setHardState(new HardState(3, 2, 0));
        s.setHardState(new HardState(4, 0, 7));
        assertEquals(new HardState(4, 0, 7), reopen(s).initialState().hardState());
    }

    @Test
    public void aSnapshotLetsTheLogBeCompacted() {
        WritableRaftStorage s = newStorage();
        s.append(List.of(entry(1, 1), entry(2, 1), entry(3, 1), entry(4, 2), entry(5, 2), entry(6, 2), entry(7, 3),
                entry(8, 3), entry(9, 3), entry(10, 3)));
        Snapshot snap = s.createSnapshot(6, MEMBERS, new byte[] {9, 9});
        assertEquals(new Snapshot(6, 2, MEMBERS, new byte[] {9, 9}), snap);
        assertEquals(snap, s.snapshot());
        assertEquals(1, s.firstIndex(), "a snapshot alone does not compact");

        s.compact(4);
        assertEquals(5, s.firstIndex());
        assertEquals(10, s.lastIndex());
        assertEquals(2, s.term(4), "the compaction point's term stays known");
        assertThrows(LogCompactedException.class, () -> s.term(3));
        assertThrows(LogCompactedException.class, () -> s.entries(4, 6, Long.MAX_VALUE));
        assertEquals(entries(5, 6, 2), s.entries(5, 7, Long.MAX_VALUE));

        assertThrows(IllegalArgumentException.class, () -> s.compact(7), "not covered by the snapshot");
        s.compact(3); // below the compaction point: nothing happens
        assertEquals(5, s.firstIndex());
        assertThrows(IllegalStateException.class, () -> s.createSnapshot(6, MEMBERS, new byte[0]));
        assertThrows(LogUnavailableException.class, () -> s.createSnapshot(11, MEMBERS, new byte[0]));

        s.createSnapshot(9, MEMBERS, new byte[] {1});
        s.compact(9);
        WritableRaftStorage again = reopen(s);
        assertEquals(10, again.firstIndex());
        assertEquals(10, again.lastIndex());
        assertEquals(3, again.term(9));
        assertEquals(List.of(entry(10, 3)), again.entries(10, 11, Long.MAX_VALUE));
        assertEquals(new InitialState(HardState.EMPTY, MEMBERS), again.initialState());
    }

    @Test
    public void anAppliedSnapshotReplacesTheWholeLog() {
        WritableRaftStorage s = newStorage();
        s.append(entries(1, 5, 1));
        Snapshot snap = new Snapshot(8, 3, MEMBERS, new byte[] {7});
        s.applySnapshot(snap);
        assertEquals(9, s.firstIndex());
        assertEquals(8, s.lastIndex());
        assertEquals(3, s.term(8));
        assertThrows(LogCompactedException.class, () -> s.term(5));
        assertEquals(snap, s.snapshot());
        assertEquals(MEMBERS, s.initialState().confState());
        // entries the snapshot covers are ignored; the rest follows it
        s.append(List.of(entry(7, 3), entry(8, 3), entry(9, 4)));
        assertEquals(9, s.lastIndex());
        assertEquals(List.of(entry(9, 4)), s.entries(9, 10, Long.MAX_VALUE));
        assertThrows(IllegalStateException.class, () -> s.applySnapshot(new Snapshot(8, 3, MEMBERS, new byte[0])));
        // a newer one that overlaps what is held still replaces it all
        s.applySnapshot(new Snapshot(9, 4, MEMBERS, new byte[0]));
        assertEquals(10, s.firstIndex());
        assertEquals(9, s.lastIndex());
    }

    @Test
    public void aReadyIsPersistedSnapshotFirst() {
        WritableRaftStorage s = newStorage();
        Snapshot snap = new Snapshot(4, 2, MEMBERS, new byte[] {1, 2});
        s.persist(new Ready(Optional.empty(), Optional.of(new HardState(2, 1, 5)), List.of(entry(5, 2), entry(6, 2)),
                Optional.of(snap), List.of(), List.of(), true));
        WritableRaftStorage again = reopen(s);
        assertEquals(snap, again.snapshot());
        assertEquals(5, again.firstIndex());
        assertEquals(6, again.lastIndex());
        assertEquals(new HardState(2, 1, 5), again.initialState().hardState());
        assertArrayEquals(entry(6, 2).data(), again.entries(6, 7, Long.MAX_VALUE).get(0).data());
    }

    @Test
    public void membershipEntriesKeepTheirType() {
        WritableRaftStorage s = newStorage();
        Entry change = new Entry(1, 1, EntryType.CONF_CHANGE, RaftCodec.encodeConfChange(
                new ConfChange(ConfChangeType.ADD_LEARNER_NODE, 4, new byte[] {1})));
        s.append(List.of(change, new Entry(2, 1, EntryType.NORMAL, new byte[0])));
        List<Entry> read = reopen(s).entries(1, 3, Long.MAX_VALUE);
        assertEquals(EntryType.CONF_CHANGE, read.get(0).type());
        assertEquals(change, read.get(0));
        assertEquals(0, read.get(1).dataLength());
    }

    /** A single-voter node runs on the storage, restarts from it, and keeps what it committed. */
    @Test
    public void aNodeRestartsFromTheStorage() {
        WritableRaftStorage s = newStorage();
        RaftNode.bootstrap(s, ConfState.ofVoters(1L), new byte[] {0});
        RaftConfig config = RaftConfig.defaults(1).withApplied(1);
        RaftNode node = RaftNode.start(config, s, new SplittableRandom(1));
        node.campaign();
        long applied = drive(node, s, 1);
        assertTrue(node.isLeader());
        assertTrue(node.propose("block".getBytes()));
        applied = drive(node, s, applied);
        s.createSnapshot(applied, node.confState(), new byte[] {1});
        s.compact(applied - 1);

        WritableRaftStorage again = reopen(s);
        RaftNode restarted = RaftNode.start(config.withApplied(applied), again, new SplittableRandom(2));
        assertEquals(node.term(), restarted.term());
        assertEquals(applied, restarted.commitIndex());
        assertFalse(restarted.isLeader());
        restarted.campaign();
        applied = drive(restarted, again, applied);
        assertTrue(restarted.isLeader());
        assertEquals(applied, again.lastIndex());
    }

    private static long drive(RaftNode node, WritableRaftStorage storage, long applied) {
        while (node.hasReady()) {
            Ready rd = node.ready();
            storage.persist(rd);
            assertTrue(rd.messages().isEmpty(), "a single voter sends nothing");
            for (Entry e : rd.committedEntries()) {
                assertEquals(applied + 1, e.index());
                applied = e.index();
            }
            node.advance(rd);
        }
        return applied;
    }
}
