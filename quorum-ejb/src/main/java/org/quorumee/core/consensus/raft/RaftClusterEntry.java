package org.quorumee.core.consensus.raft;

/**
 * One element of {@code raft_cluster}'s answer, with GoQuorum's JSON keys:
 * {@code {raftId, nodeId, p2pPort, raftPort, hostname, role, nodeActive}}.
 *
 * @param nodeId 128 hex digits, no "0x"
 * @param role   "minter", "verifier", "learner", or "" when no leader is known
 */
public record RaftClusterEntry(int raftId, String nodeId, int p2pPort, int raftPort, String hostname, String role,
                               boolean nodeActive) {
}
