package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The storage contract through the cache (a restart is a new cache on the same delegate), and what the cache adds. */
class CachedRaftStorageTest extends RaftStorageContract {
    @Override
    protected WritableRaftStorage newStorage() {
        return new CachedRaftStorage(new MemoryRaftStorage());
    }

    @Override
    protected WritableRaftStorage reopen(WritableRaftStorage storage) {
        return new CachedRaftStorage(((CachedRaftStorage) storage).delegate());
    }

    /** Counts the reads that reach the delegate. */
    private static final class CountingStorage implements WritableRaftStorage {
        final MemoryRaftStorage memory = new MemoryRaftStorage();
        int reads;
        boolean failWrites;

        @Override
        public InitialState initialState() {
            return memory.initialState();
        }

        @Override
        public List<Entry> entries(long lo, long hi, long maxBytes) {
            reads++;
            return memory.entries(lo, hi, maxBytes);
        }

        @Override
        public long term(long index) {
            reads++;
            return memory.term(index);
        }

        @Override
        public long firstIndex() {
            reads++;
            return memory.firstIndex();
        }

        @Override
        public long lastIndex() {
            reads++;
            return memory.lastIndex();
        }

        @Override
        public Snapshot snapshot() {
            reads++;
            return memory.snapshot();
        }

        @Override
        public void append(List<Entry> entries) {
            if (failWrites) {
                throw new IllegalStateException("the database is gone");
            }
            memory.append(entries);
        }

        @Override
        public void setHardState(HardState state) {
            memory.setHardState(state);
        }

        @Override
        public void applySnapshot(Snapshot snapshot) {
            memory.applySnapshot(snapshot);
        }

        @Override
        public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
            return memory.createSnapshot(index, confState, data);
        }

        @Override
        public void compact(long index) {
            memory.compact(index);
        }
    }

    @Test
    public void readsOfWhatWasWrittenThroughItNeverReachTheDelegate() {
        CountingStorage counting = new CountingStorage();
        CachedRaftStorage s = new CachedRaftStorage(counting);
        List<Entry> written = new ArrayList<>();
        for (long i = 1; i <= 10; i++) {
            written.add(entry(i, 1));
        }
        s.append(written);
        counting.reads = 0;
        assertEquals(10, s.lastIndex());
        assertEquals(1, s.firstIndex());
        assertEquals(1, s.term(7));
        assertEquals(written.subList(3, 10), s.entries(4, 11, Long.MAX_VALUE));
        assertEquals(0, counting.reads);
    }

    @Test
    public void onlyTheNewestEntriesAreKeptAndOlderOnesComeFromTheDelegate() {
        CountingStorage counting = new CountingStorage();
        CachedRaftStorage s = new CachedRaftStorage(counting);
        int total = CachedRaftStorage.RECENT_ENTRIES + 10;
        for (long i = 1; i <= total; i++) {
            s.append(List.of(entry(i, 1)));
        }
        counting.reads = 0;
        assertEquals(List.of(entry(total, 1)), s.entries(total, total + 1, Long.MAX_VALUE));
        assertEquals(0, counting.reads);
        assertEquals(List.of(entry(1, 1), entry(2, 1)), s.entries(1, 3, Long.MAX_VALUE));
        assertEquals(1, counting.reads);
    }

    @Test
    public void aFailedWriteLeavesTheCacheAsTheDelegateIs() {
        CountingStorage counting = new CountingStorage();
        CachedRaftStorage s = new CachedRaftStorage(counting);
        s.append(List.of(entry(1, 1), entry(2, 1)));
        counting.failWrites = true;
        assertThrows(IllegalStateException.class, () -> s.append(List.of(entry(2, 2), entry(3, 2))));
        assertEquals(2, s.lastIndex());
        assertEquals(1, s.term(2));
        assertEquals(List.of(entry(2, 1)), s.entries(2, 3, Long.MAX_VALUE));
    }

    @Test
    public void followsASnapshotTheDelegateRecordedByItself() {
        CachedRaftStorage s = new CachedRaftStorage(new MemoryRaftStorage());
        for (long i = 1; i <= 6; i++) {
            s.append(List.of(entry(i, 1)));
        }
        Snapshot recorded = s.delegate().createSnapshot(5, ConfState.ofVoters(1L), new byte[] {1});
        s.delegate().compact(4);
        s.snapshotRecorded(recorded, 4);
        assertEquals(recorded, s.snapshot());
        assertEquals(5, s.firstIndex());
        assertThrows(LogCompactedException.class, () -> s.entries(4, 5, Long.MAX_VALUE));
        assertEquals(List.of(entry(5, 1), entry(6, 1)), s.entries(5, 7, Long.MAX_VALUE));
    }

    /** Random appends (with overwritten suffixes), snapshots, compactions: every read as the delegate's. */
    @Test
    public void readsAsTheDelegateUnderRandomWrites() {
        SplittableRandom random = new SplittableRandom(13);
        MemoryRaftStorage memory = new MemoryRaftStorage();
        CachedRaftStorage s = new CachedRaftStorage(memory);
        long term = 1;
        for (int round = 0; round < 2000; round++) {
            int op = random.nextInt(10);
            if (op < 7) {
                long from = Math.max(s.firstIndex(), s.lastIndex() + 1 - random.nextInt(3));
                if (random.nextInt(5) == 0) {
                    term++;
                }
                List<Entry> batch = new ArrayList<>();
                for (long i = from; i < from + 1 + random.nextInt(4); i++) {
                    batch.add(new Entry(i, term, EntryType.NORMAL, new byte[random.nextInt(40)]));
                }
                s.append(batch);
            } else if (op < 9 && s.lastIndex() > s.snapshot().index()) {
                long at = s.snapshot().index() + 1 + random.nextInt((int) (s.lastIndex() - s.snapshot().index()));
                s.createSnapshot(at, ConfState.ofVoters(1L), new byte[0]);
                s.compact(at - random.nextInt((int) Math.min(at, 3)));
            } else if (op == 9 && random.nextInt(20) == 0) {
                s.applySnapshot(new Snapshot(s.lastIndex() + 2, term, ConfState.ofVoters(1L), new byte[0]));
            }
            assertEquals(memory.firstIndex(), s.firstIndex());
            assertEquals(memory.lastIndex(), s.lastIndex());
            assertEquals(memory.snapshot(), s.snapshot());
            for (long i = s.firstIndex() - 1; i <= s.lastIndex(); i++) {
                assertEquals(memory.term(i), s.term(i), "term " + i);
            }
            if (s.lastIndex() >= s.firstIndex()) {
                long lo = s.firstIndex() + random.nextInt((int) (s.lastIndex() - s.firstIndex() + 1));
                long max = random.nextInt(200);
                assertEquals(memory.entries(lo, s.lastIndex() + 1, max), s.entries(lo, s.lastIndex() + 1, max));
            }
        }
    }
}
