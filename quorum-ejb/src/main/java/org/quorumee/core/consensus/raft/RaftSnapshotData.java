package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;

/**
 * The application data of a GoQuorum Raft snapshot ({@code raft/snapshot.go}): the members'
 * addresses, the permanently removed raft ids and the hash of the chain head at the snapshot. A node
 * installing it reconnects to the members and downloads blocks up to that head; the snapshot holds
 * no state.
 *
 * <pre>version byte || RLP([[peer...], [removedId...], headBlockHash])</pre>
 */
public record RaftSnapshotData(List<RaftPeer> peers, SortedSet<Integer> removedRaftIds, byte[] headBlockHash) {

    public RaftSnapshotData {
        List<RaftPeer> sorted = new ArrayList<>(peers);
        sorted.sort((a, b) -> Integer.compare(a.raftId(), b.raftId()));
        peers = List.copyOf(sorted);
        removedRaftIds = Collections.unmodifiableSortedSet(new TreeSet<>(removedRaftIds));
        if (headBlockHash == null || headBlockHash.length != 32) {
            throw new IllegalArgumentException("the head block hash is 32 bytes");
        }
        headBlockHash = headBlockHash.clone();
    }

    @Override
    public byte[] headBlockHash() {
        return headBlockHash.clone();
    }

    public byte[] encode() {
        RlpWriter w = new RlpWriter(256);
        w.writeRawByte(RaftCodec.VERSION);
        w.startList().startList();
        for (RaftPeer peer : peers) {
            peer.writeTo(w);
        }
        w.endList().startList();
        for (int id : removedRaftIds) {
            w.writeLong(id);
        }
        w.endList().writeBytes(headBlockHash).endList();
        return w.toByteArray();
    }

    /** @throws RaftCodecException when the bytes are not snapshot data of this format */
    public static RaftSnapshotData decode(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != RaftCodec.VERSION) {
            throw new RaftCodecException("raft snapshot data is a version-" + RaftCodec.VERSION + " byte and an RLP list");
        }
        try {
            List<RlpItem> f = Rlp.decode(bytes, 1, bytes.length - 1).items();
            if (f.size() != 3) {
                throw new RaftCodecException("raft snapshot data has 3 fields, not " + f.size());
            }
            List<RaftPeer> peers = new ArrayList<>();
            for (RlpItem p : f.get(0).items()) {
                peers.add(RaftPeer.readFrom(p));
            }
            TreeSet<Integer> removed = new TreeSet<>();
            for (RlpItem id : f.get(1).items()) {
                long value = id.asLong();
                if (value < 1 || value > 0xffff) {
                    throw new RaftCodecException("removed raft id out of range: " + value);
                }
                removed.add((int) value);
            }
            return new RaftSnapshotData(peers, removed, f.get(2).bytes(32));
        } catch (RlpException | IllegalArgumentException e) {
            if (e instanceof RaftCodecException rce) {
                throw rce;
            }
            throw new RaftCodecException("bad raft snapshot data: " + e.getMessage(), e);
        }
    }
}
