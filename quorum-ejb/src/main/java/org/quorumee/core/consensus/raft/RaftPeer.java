package org.quorumee.core.consensus.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.RlpWriter;

/**
 * A member of a Raft cluster as GoQuorum records it ({@code raft/peer.go} Address): its raft id,
 * its node id (the 64-byte public key of its node key, the enode id), where it listens (hostname
 * or IP, devp2p port, raft port). Carried in a membership change's context and in snapshots.
 */
public record RaftPeer(int raftId, byte[] nodeId, String hostname, int p2pPort, int raftPort) {
    public RaftPeer {
        if (raftId < 1 || raftId > 0xffff) {
            throw new IllegalArgumentException("raft ids are 1..65535, not " + raftId);
        }
        if (nodeId == null || nodeId.length != 64) {
            throw new IllegalArgumentException("a node id is a 64-byte public key");
        }
        if (hostname == null || hostname.isEmpty()) {
            throw new IllegalArgumentException("a peer has a hostname or IP");
        }
        if (p2pPort < 0 || p2pPort > 0xffff || raftPort < 0 || raftPort > 0xffff) {
            throw new IllegalArgumentException("ports are 16-bit");
        }
        nodeId = nodeId.clone();
    }

    @Override
    public byte[] nodeId() {
        return nodeId.clone();
    }

    /** The node id as GoQuorum prints it: 128 lower-case hex digits, no "0x". */
    public String nodeIdHex() {
        return Hex.encodeNoPrefix(nodeId);
    }

    /** go-ethereum's enode.ID of this node (Keccak-256 of the node id), as its error texts print it. */
    public String enodeIdHash() {
        return Hex.encodeNoPrefix(Keccak.keccak256(nodeId));
    }

    /** This peer with another raft id. */
    public RaftPeer withRaftId(int id) {
        return new RaftPeer(id, nodeId, hostname, p2pPort, raftPort);
    }

    /** The enode URL GoQuorum's static-nodes.json holds for it. */
    public String enodeUrl() {
        String host = hostname.contains(":") ? "[" + hostname + "]" : hostname;
        return "enode://" + nodeIdHex() + "@" + host + ":" + p2pPort + "?discport=0&raftport=" + raftPort;
    }

    /**
     * Parses an enode URL that must carry a raft port ({@code static-nodes.json}):
     * {@code enode://<128 hex>@<host>:<port>?discport=<n>&raftport=<n>}.
     *
     * @param raftId the id to give the peer
     * @throws RaftMembershipException on a malformed URL (go-ethereum's texts) or one without raftport
     */
    public static RaftPeer parseEnode(String url, int raftId) {
        EnodeUrl enode = EnodeUrl.parse(url);
        if (!enode.hasRaftPort()) {
            throw new RaftMembershipException("enodeId is missing raftport querystring parameter: " + url);
        }
        return enode.toPeer(raftId);
    }

    /** RLP [raftId, nodeId, hostname, p2pPort, raftPort]. */
    void writeTo(RlpWriter w) {
        w.startList().writeLong(raftId).writeBytes(nodeId).writeBytes(hostname.getBytes(StandardCharsets.UTF_8))
                .writeLong(p2pPort).writeLong(raftPort).endList();
    }

    static RaftPeer readFrom(RlpItem item) {
        List<RlpItem> f = item.items();
        if (f.size() != 5) {
            throw new RlpException("a raft peer has 5 fields, not " + f.size());
        }
        long raftId = f.get(0).asLong();
        long p2p = f.get(3).asLong();
        long raft = f.get(4).asLong();
        if (raftId > 0xffff || p2p > 0xffff || raft > 0xffff) {
            throw new RlpException("raft ids and ports are 16-bit");
        }
        return new RaftPeer((int) raftId, f.get(1).bytes(64), new String(f.get(2).bytes(), StandardCharsets.UTF_8),
                (int) p2p, (int) raft);
    }

    /** This peer as a membership change's context: a version byte, then {@code writeTo}'s RLP. */
    public byte[] toBytes() {
        RlpWriter w = new RlpWriter(128);
        w.writeRawByte(RaftCodec.VERSION);
        writeTo(w);
        return w.toByteArray();
    }

    /** @throws RaftCodecException when the bytes are not a peer of this format */
    public static RaftPeer fromBytes(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != RaftCodec.VERSION) {
            throw new RaftCodecException("a raft peer is a version-" + RaftCodec.VERSION + " byte and an RLP list");
        }
        try {
            return readFrom(Rlp.decode(bytes, 1, bytes.length - 1));
        } catch (RlpException | IllegalArgumentException e) {
            throw new RaftCodecException("bad raft peer: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RaftPeer p && p.raftId == raftId && Arrays.equals(p.nodeId, nodeId) && p.hostname.equals(hostname)
                && p.p2pPort == p2pPort && p.raftPort == raftPort;
    }

    @Override
    public int hashCode() {
        return raftId * 31 + Arrays.hashCode(nodeId);
    }

    @Override
    public String toString() {
        return "RaftPeer[" + raftId + " " + nodeIdHex().substring(0, 8) + "… " + hostname + ":" + p2pPort + " raft " + raftPort + "]";
    }
}
