package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;

/**
 * The wire and storage format of Raft's values: one version byte ({@link #VERSION}), then one RLP
 * item.
 *
 * <pre>
 * entry       = [index, term, type, data]                  type: 0 normal, 1 conf change
 * confState   = [[voter...], [learner...]]
 * snapshot    = [index, term, confState, data]
 * confChange  = [type, nodeId, context]                    type: 0 add, 1 add learner, 2 remove
 * hardState   = [term, vote, commit]
 * message     = [type, from, to, term, logTerm, index, commit, reject, rejectHint,
 *                [entry...], snapshot or []]               type: {@link MessageType} ordinal
 * </pre>
 *
 * Numbers are RLP scalars (canonical, at most 63 bits), {@code reject} is 0 or 1. Nested values
 * carry no version byte of their own. Decoding is strict: a wrong version, non-canonical RLP, a
 * list of the wrong length, an unknown type or an invalid value fail with a
 * {@link RaftCodecException}; nothing half-built is returned.
 */
public final class RaftCodec {
    /** The format version written first in every encoding. */
    public static final byte VERSION = 1;

    private RaftCodec() {
    }

    // ---------------------------------------------------------------- encoding

    public static byte[] encodeMessage(Message m) {
        RlpWriter w = new RlpWriter(64 + m.entries().stream().mapToInt(Entry::dataLength).sum()
                + (m.snapshot() == null ? 0 : m.snapshot().data().length));
        w.writeRawByte(VERSION);
        w.startList()
                .writeLong(m.type().ordinal())
                .writeLong(m.from())
                .writeLong(m.to())
                .writeLong(m.term())
                .writeLong(m.logTerm())
                .writeLong(m.index())
                .writeLong(m.commit())
                .writeLong(m.reject() ? 1 : 0)
                .writeLong(m.rejectHint());
        w.startList();
        for (Entry e : m.entries()) {
            writeEntry(w, e);
        }
        w.endList();
        if (m.snapshot() == null) {
            w.startList().endList();
        } else {
            writeSnapshot(w, m.snapshot());
        }
        w.endList();
        return w.toByteArray();
    }

    public static byte[] encodeEntry(Entry e) {
        RlpWriter w = new RlpWriter(32 + e.dataLength());
        w.writeRawByte(VERSION);
        writeEntry(w, e);
        return w.toByteArray();
    }

    public static byte[] encodeSnapshot(Snapshot s) {
        RlpWriter w = new RlpWriter(64 + s.data().length);
        w.writeRawByte(VERSION);
        writeSnapshot(w, s);
        return w.toByteArray();
    }

    public static byte[] encodeConfChange(ConfChange c) {
        RlpWriter w = new RlpWriter(32 + c.context().length);
        w.writeRawByte(VERSION);
        w.startList().writeLong(c.type().ordinal()).writeLong(c.nodeId()).writeBytes(c.context()).endList();
        return w.toByteArray();
    }

    public static byte[] encodeConfState(ConfState c) {
        RlpWriter w = new RlpWriter();
        w.writeRawByte(VERSION);
        writeConfState(w, c);
        return w.toByteArray();
    }

    public static byte[] encodeHardState(HardState h) {
        RlpWriter w = new RlpWriter();
        w.writeRawByte(VERSION);
        w.startList().writeLong(h.term()).writeLong(h.vote()).writeLong(h.commit()).endList();
        return w.toByteArray();
    }

    private static void writeEntry(RlpWriter w, Entry e) {
        w.startList().writeLong(e.index()).writeLong(e.term()).writeLong(e.type().ordinal()).writeBytes(e.data()).endList();
    }

    private static void writeSnapshot(RlpWriter w, Snapshot s) {
        w.startList().writeLong(s.index()).writeLong(s.term());
        writeConfState(w, s.confState());
        w.writeBytes(s.data()).endList();
    }

    private static void writeConfState(RlpWriter w, ConfState c) {
        w.startList();
        w.startList();
        for (long id : c.voters()) {
            w.writeLong(id);
        }
        w.endList();
        w.startList();
        for (long id : c.learners()) {
            w.writeLong(id);
        }
        w.endList();
        w.endList();
    }

    // ---------------------------------------------------------------- decoding

    /** @throws RaftCodecException on anything but a well-formed message of this version */
    public static Message decodeMessage(byte[] encoded) {
        return decode(encoded, "message", item -> {
            List<RlpItem> f = fields(item, 11, "message");
            MessageType type = enumAt(MessageType.values(), f.get(0), "message type");
            long reject = f.get(7).asLong();
            if (reject > 1) {
                throw new RaftCodecException("message reject flag is 0 or 1, not " + reject);
            }
            List<Entry> entries = new ArrayList<>();
            for (RlpItem e : f.get(9).items()) {
                entries.add(readEntry(e));
            }
            RlpItem snapshotItem = f.get(10);
            Snapshot snapshot = snapshotItem.isList() && snapshotItem.items().isEmpty() ? null : readSnapshot(snapshotItem);
            return new Message(type, f.get(1).asLong(), f.get(2).asLong(), f.get(3).asLong(), f.get(4).asLong(),
                    f.get(5).asLong(), entries, f.get(6).asLong(), snapshot, reject == 1, f.get(8).asLong());
        });
    }

    /** @throws RaftCodecException on anything but a well-formed entry of this version */
    public static Entry decodeEntry(byte[] encoded) {
        return decode(encoded, "entry", RaftCodec::readEntry);
    }

    /** @throws RaftCodecException on anything but a well-formed snapshot of this version */
    public static Snapshot decodeSnapshot(byte[] encoded) {
        return decode(encoded, "snapshot", RaftCodec::readSnapshot);
    }

    /** @throws RaftCodecException on anything but a well-formed conf change of this version */
    public static ConfChange decodeConfChange(byte[] encoded) {
        return decode(encoded, "conf change", item -> {
            List<RlpItem> f = fields(item, 3, "conf change");
            return new ConfChange(enumAt(ConfChangeType.values(), f.get(0), "conf change type"), f.get(1).asLong(),
                    f.get(2).bytes());
        });
    }

    /** @throws RaftCodecException on anything but a well-formed membership of this version */
    public static ConfState decodeConfState(byte[] encoded) {
        return decode(encoded, "membership", RaftCodec::readConfState);
    }

    /** @throws RaftCodecException on anything but a well-formed hard state of this version */
    public static HardState decodeHardState(byte[] encoded) {
        return decode(encoded, "hard state", item -> {
            List<RlpItem> f = fields(item, 3, "hard state");
            return new HardState(f.get(0).asLong(), f.get(1).asLong(), f.get(2).asLong());
        });
    }

    private interface Reader<T> {
        T read(RlpItem item);
    }

    private static <T> T decode(byte[] encoded, String what, Reader<T> reader) {
        if (encoded == null || encoded.length < 2) {
            throw new RaftCodecException("a raft " + what + " is a version byte and an RLP item, not "
                    + (encoded == null ? "null" : encoded.length + " byte(s)"));
        }
        if (encoded[0] != VERSION) {
            throw new RaftCodecException("unknown raft " + what + " format version " + (encoded[0] & 0xff)
                    + " (this node reads " + VERSION + ")");
        }
        try {
            return reader.read(Rlp.decode(encoded, 1, encoded.length - 1));
        } catch (RaftCodecException e) {
            throw e;
        } catch (RlpException | IllegalArgumentException e) {
            throw new RaftCodecException("bad raft " + what + ": " + e.getMessage(), e);
        }
    }

    private static List<RlpItem> fields(RlpItem item, int count, String what) {
        if (!item.isList()) {
            throw new RaftCodecException("a raft " + what + " is a list");
        }
        List<RlpItem> items = item.items();
        if (items.size() != count) {
            throw new RaftCodecException("a raft " + what + " has " + count + " fields, not " + items.size());
        }
        return items;
    }

    private static <E extends Enum<E>> E enumAt(E[] values, RlpItem item, String what) {
        long ordinal = item.asLong();
        if (ordinal >= values.length) {
            throw new RaftCodecException("unknown " + what + " " + ordinal);
        }
        return values[(int) ordinal];
    }

    private static Entry readEntry(RlpItem item) {
        List<RlpItem> f = fields(item, 4, "entry");
        return new Entry(f.get(0).asLong(), f.get(1).asLong(), enumAt(EntryType.values(), f.get(2), "entry type"),
                f.get(3).bytes());
    }

    private static Snapshot readSnapshot(RlpItem item) {
        List<RlpItem> f = fields(item, 4, "snapshot");
        return new Snapshot(f.get(0).asLong(), f.get(1).asLong(), readConfState(f.get(2)), f.get(3).bytes());
    }

    private static ConfState readConfState(RlpItem item) {
        List<RlpItem> f = fields(item, 2, "membership");
        return new ConfState(ids(f.get(0)), ids(f.get(1)));
    }

    private static TreeSet<Long> ids(RlpItem list) {
        TreeSet<Long> ids = new TreeSet<>();
        long previous = 0;
        for (RlpItem id : list.items()) {
            long value = id.asLong();
            if (value <= previous) {
                throw new RaftCodecException("member ids are positive and listed once, in ascending order");
            }
            ids.add(value);
            previous = value;
        }
        return ids;
    }
}
