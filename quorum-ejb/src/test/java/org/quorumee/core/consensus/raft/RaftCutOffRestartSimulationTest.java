package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.core.peer.PermissionPolicy;

/**
 * RaftNetworkIT's cut-off and restart cases as a seeded simulation of four nodes, each driven as
 * {@code RaftEngine} drives its node: raft ids from the files at the founding, messages addressed by
 * node id through the sender's membership and dropped by a receiver unless they come from the node
 * its membership names for that raft id, roles read from the membership ({@code raft_role}), and
 * permissions ({@link PermissionPolicy}, the files' order included) deciding who reaches whom.
 *
 * <p>The sequence: a leader is elected; the other nodes revoke its permission and it revokes theirs;
 * it keeps proposing (the blocks of the transactions sent to it) while the others elect a new leader
 * that commits; the permissions are given back (each revoked node goes to the end of the list); every
 * node is stopped and started again from its storage. Before the fix, nodes took their raft id from
 * their position in the reordered {@code permissioned-nodes.json} on restart, and no minter with three
 * verifiers came back (RaftNetworkIT's failure "one minter and three verifiers after the restart").
 */
class RaftCutOffRestartSimulationTest {
    private static final int NODES = 4;
    /** Rounds (one tick of every node, then every message delivered) within which roles must settle: 30 s. */
    private static final int ROUNDS = 300;

    @Test
    void theWholeClusterRestartedAfterALeaderWasCutOffComesBackWithOneMinterAndThreeVerifiers() {
        int reordered = 0;
        for (long seed = 1; seed <= 60; seed++) {
            reordered += new Run(seed).execute();
        }
        assertTrue(reordered > 0, "the runs moved nodes in their permission files");
    }

    /** One node: its files and storage survive a restart, its Raft node and membership do not. */
    private static final class Node {
        final byte[] nodeId;
        final String enode;
        PermissionPolicy permissions;
        final MemoryRaftStorage storage = new MemoryRaftStorage();
        long applied;
        final List<String> appliedData = new ArrayList<>();
        RaftMembership membership;
        RaftNode raft;

        Node(int index) {
            nodeId = Secp256k1.publicKey(Hex.decode(String.format("%02x", index).repeat(32)));
            enode = "enode://" + Hex.encodeNoPrefix(nodeId) + "@127.0.0.1:" + (21000 + index - 1) + "?discport=0&raftport="
                    + (50400 + index);
        }

        String nodeIdHex() {
            return Hex.encodeNoPrefix(nodeId);
        }

        boolean running() {
            return raft != null;
        }
    }

    private record InFlight(Node from, Node to, Message message) {
    }

    private static final class Run {
        private final long seed;
        private final SplittableRandom rng;
        private final List<Node> nodes = new ArrayList<>();
        private List<InFlight> inFlight = new ArrayList<>();
        private final byte[] genesisHash = new byte[32];

        Run(long seed) {
            this.seed = seed;
            this.rng = new SplittableRandom(seed);
        }

        /** Runs the sequence; 1 when the permission changes moved a node in its file, else 0. */
        int execute() {
            for (int i = 1; i <= NODES; i++) {
                nodes.add(new Node(i));
            }
            List<EnodeUrl> everyone = nodes.stream().map(n -> EnodeUrl.parse(n.enode)).toList();
            for (Node n : nodes) {
                n.permissions = PermissionPolicy.of(everyone, List.of());
                found(n);
            }
            awaitRoles("a leader elected", nodes);
            Node leader = minter(nodes);
            propose(leader, "before");
            awaitApplied("before", nodes);

            List<Node> others = nodes.stream().filter(n -> n != leader).toList();
            for (Node other : others) {
                other.permissions = other.permissions.revoke(leader.nodeIdHex());
                leader.permissions = leader.permissions.revoke(other.nodeIdHex());
            }
            for (int k = 0; k < 3; k++) {
                // the cut leader mints the transactions sent to it: entries that can never commit
                leader.raft.propose(("cut-" + k).getBytes());
                round();
            }
            awaitRoles("a new leader among the others", others);
            Node newLeader = minter(others);
            propose(newLeader, "meanwhile");
            awaitApplied("meanwhile", others);
            assertFalse(leader.appliedData.contains("meanwhile"), seed + ": the cut node applied a block made without it");

            for (Node other : others) {
                other.permissions = other.permissions.permit(EnodeUrl.parse(leader.enode));
                leader.permissions = leader.permissions.permit(EnodeUrl.parse(other.enode));
            }
            awaitRoles("one minter and three verifiers once the cut node is back", nodes);
            awaitApplied("meanwhile", nodes);
            int reordered = nodes.stream().anyMatch(n -> positionInFile(n).raftId() != n.raft.id()) ? 1 : 0;

            for (Node n : nodes) {
                n.raft = null;
                n.membership = null;
            }
            List<Node> order = new ArrayList<>(nodes);
            shuffle(order);
            for (Node n : order) {
                start(n);
                round();
            }
            awaitRoles("one minter and three verifiers after the restart", nodes);
            propose(minter(nodes), "after");
            awaitApplied("after", nodes);
            for (Node n : nodes) {
                assertEquals(List.of("before", "meanwhile", "after"), n.appliedData, seed + ": what node " + n.nodeIdHex()
                        .substring(0, 4) + " applied (never the cut leader's uncommitted blocks)");
            }
            return reordered;
        }

        /** A founding node, as RaftEngine starts on an empty storage: raft ids are positions in the file. */
        private void found(Node n) {
            List<RaftPeer> founders = RaftMembership.founders(n.permissions.permittedList().stream()
                    .map(EnodeUrl::toString).toList());
            ConfState voters = new ConfState(new TreeSet<>(founders.stream().map(p -> (long) p.raftId()).toList()),
                    new TreeSet<>());
            RaftNode.bootstrap(n.storage, voters, new RaftSnapshotData(founders, new TreeSet<>(), genesisHash).encode());
            start(n);
        }

        /** RaftEngine.start on a stored log: who this node is, its membership, its Raft node. */
        private void start(Node n) {
            Snapshot snapshot = n.storage.snapshot();
            RaftSnapshotData data = RaftSnapshotData.decode(snapshot.data());
            RaftPeer self = RaftMembership.recordedSelf(n.nodeIdHex(), data).orElseGet(() -> positionInFile(n));
            n.membership = RaftMembership.restore(self, data, snapshot.confState(), false);
            n.applied = Math.max(n.applied, snapshot.index());
            n.raft = RaftNode.start(RaftConfig.defaults(self.raftId()).withApplied(n.applied), n.storage,
                    new SplittableRandom(rng.nextLong()));
        }

        /** The node as its permission file lists it now: what it took to be on every start before the fix. */
        private RaftPeer positionInFile(Node n) {
            return RaftMembership.founders(n.permissions.permittedList().stream().map(EnodeUrl::toString).toList())
                    .stream().filter(p -> p.nodeIdHex().equals(n.nodeIdHex())).findFirst().orElseThrow();
        }

        private void propose(Node n, String data) {
            assertTrue(n.raft.propose(data.getBytes()), seed + ": the leader took " + data);
            round();
        }

        /** Every running node ticks once (in a random order), then every message is delivered (shuffled). */
        private void round() {
            List<Node> order = new ArrayList<>(nodes);
            shuffle(order);
            for (Node n : order) {
                if (n.running()) {
                    n.raft.tick();
                    processReadies();
                }
            }
            for (int guard = 0; !inFlight.isEmpty(); guard++) {
                assertTrue(guard < 10_000, seed + ": messages never stop");
                List<InFlight> batch = inFlight;
                inFlight = new ArrayList<>();
                shuffle(batch);
                for (InFlight f : batch) {
                    if (!f.to().running()) {
                        inFlight.add(f); // waits in the durable queue while the node is down
                        continue;
                    }
                    receive(f);
                    processReadies();
                }
                if (nodes.stream().noneMatch(Node::running)) {
                    return;
                }
                if (batch.size() == inFlight.size() && nodes.stream().anyMatch(n -> !n.running())) {
                    return; // only messages for stopped nodes are left
                }
            }
        }

        /** RaftEngine.receive: only what comes from the node the membership names for that raft id. */
        private void receive(InFlight f) {
            Node to = f.to();
            Message m = f.message();
            if (m.to() != to.raft.id() || to.membership.isRemoved((int) m.from())) {
                return;
            }
            Optional<RaftPeer> member = to.membership.peers().stream().filter(p -> p.raftId() == m.from()).findFirst();
            if (member.isEmpty() || !member.get().nodeIdHex().equals(f.from().nodeIdHex())) {
                return;
            }
            to.raft.step(m);
        }

        private void processReadies() {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Node n : nodes) {
                    if (n.running() && n.raft.hasReady()) {
                        processReady(n);
                        moved = true;
                    }
                }
            }
        }

        /** RaftEngine.handleReady: persist, send, apply, advance. */
        private void processReady(Node n) {
            Ready rd = n.raft.ready();
            n.storage.persist(rd);
            for (Message m : rd.messages()) {
                send(n, m);
            }
            rd.softState().ifPresent(s -> n.membership.setLeader(s.leader()));
            for (Entry e : rd.committedEntries()) {
                if (e.type() == EntryType.NORMAL && e.dataLength() > 0) {
                    n.appliedData.add(new String(e.data()));
                }
                n.applied = e.index();
            }
            n.raft.advance(rd);
        }

        /** RaftEngine.send: to the node id the membership names; over a link only when both sides permit it. */
        private void send(Node from, Message m) {
            Optional<RaftPeer> peer = from.membership.peers().stream().filter(p -> p.raftId() == m.to()).findFirst();
            if (peer.isEmpty()) {
                return;
            }
            Node to = nodes.stream().filter(n -> n.nodeIdHex().equals(peer.get().nodeIdHex())).findFirst().orElseThrow();
            if (to == from) {
                from.raft.reportUnreachable(m.to()); // PeerNetwork refuses to send to itself
                return;
            }
            if (from.permissions.isPermitted(to.nodeIdHex()) && to.permissions.isPermitted(from.nodeIdHex())) {
                inFlight.add(new InFlight(from, to, m));
            }
        }

        private void awaitRoles(String what, List<Node> among) {
            await(what, () -> {
                List<String> roles = among.stream().map(n -> n.membership.role()).toList();
                return roles.stream().filter("minter"::equals).count() == 1
                        && roles.stream().filter("verifier"::equals).count() == among.size() - 1;
            }, () -> among.stream().map(n -> n.membership.role() + " " + n.raft).toList().toString());
        }

        private void awaitApplied(String data, List<Node> among) {
            await(data + " applied", () -> among.stream().allMatch(n -> n.appliedData.contains(data)),
                    () -> among.stream().map(n -> n.appliedData.toString()).toList().toString());
        }

        private void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state) {
            for (int r = 0; r < ROUNDS; r++) {
                if (condition.getAsBoolean()) {
                    return;
                }
                round();
            }
            throw new AssertionError("seed " + seed + ": not within " + ROUNDS + " rounds: " + what + ": " + state.get());
        }

        private Node minter(List<Node> among) {
            return among.stream().filter(n -> n.membership.role().equals("minter")).findFirst().orElseThrow();
        }

        private <T> void shuffle(List<T> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                T t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
        }
    }
}
