package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.quorumee.core.consensus.raft.RaftClusterEntry;
import org.quorumee.core.consensus.raft.RaftMembershipException;
import org.quorumee.node.consensus.raft.RaftEngine;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;

/**
 * GoQuorum's raft namespace ({@code raft/api.go}): the node's role, the leader, the cluster, and
 * membership changes, with GoQuorum's answers and error texts. Raft ids are never reused. On a node
 * that does not run Raft every method answers "raft is not running on this node".
 */
@ApplicationScoped
public class RaftApi implements JsonRpcNamespace {

    @EJB
    RaftEngine raft;

    @Override
    public String name() {
        return "raft";
    }

    /** "minter", "verifier", "learner", or "" while no leader is known. */
    public String role() {
        return call(() -> raft.role());
    }

    /** The leader's enode id (128 hex digits). */
    public String leader() {
        return call(() -> raft.leaderNodeId());
    }

    /** Every member: raftId, nodeId, p2pPort, raftPort, hostname, role, nodeActive. */
    public List<RaftClusterEntry> cluster() {
        return call(() -> raft.cluster());
    }

    /** The raft id of the member with this enode id (or URL). */
    public int getRaftId(String enodeId) {
        required(enodeId);
        return call(() -> raft.raftIdOf(enodeId));
    }

    /** Proposes a new voting member ({@code enode://...?raftport=N}); its raft id. */
    public int addPeer(String enodeUrl) {
        required(enodeUrl);
        return call(() -> raft.addMember(enodeUrl, false));
    }

    /** Proposes a new learner (non-voting member); its raft id. */
    public int addLearner(String enodeUrl) {
        required(enodeUrl);
        return call(() -> raft.addMember(enodeUrl, true));
    }

    /** Proposes to make a learner a voter. */
    public boolean promoteToPeer(Integer raftId) {
        required(raftId);
        return call(() -> raft.promoteToPeer(raftId));
    }

    /** Proposes to remove a member (a learner may remove only itself); null. */
    public Object removePeer(Integer raftId) {
        required(raftId);
        return call(() -> {
            raft.removeMember(raftId);
            return null;
        });
    }

    private static void required(Object argument) {
        if (argument == null) {
            throw new JsonRpcException(JsonRpcException.INVALID_PARAMS, "missing value for required argument 0");
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (RaftMembershipException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        } catch (EJBException e) {
            // the driver did not answer in time (an IllegalStateException inside)
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, cause.getMessage());
        }
    }
}
