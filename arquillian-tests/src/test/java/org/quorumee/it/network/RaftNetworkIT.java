package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.quorumee.it.support.ClientScript;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * A four-node Raft network (one WildFly domain started by {@code bin/quorum up --consensus raft}),
 * shared by the class: a leader is elected; a transaction sent to a follower is mined and every node
 * reaches the same head, in blocks stamped in seconds; ethers 6 deploys and uses contracts through a
 * follower; an idle chain makes no block but the quiet-chain one; the leader killed (SIGKILL) while
 * transactions flow is replaced, nothing that had a receipt is lost, no height has two blocks, and the
 * killed node catches up when started again; the leader cut off by permissions is replaced, and the
 * transactions it kept are mined once it is back; the whole network stopped and started again comes back
 * at its height and keeps minting; a fifth node joins as a learner and is promoted; a member removed
 * receives no more blocks and its raft id is never given again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class RaftNetworkIT {
    private static final int NODES = 4;
    private static final String PERMISSIONS = "org.quorumee:type=Permissions";
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 120));
    /** The launcher's default delay of the quiet-chain block (quorum.emptyBlockAfterMillis). */
    private static final Duration QUIET_CHAIN_DELAY = Duration.ofSeconds(1);
    private static QuorumNetwork network;
    /** Nodes that run now (the failover test kills one and starts it again). */
    private static final Set<Integer> running = new HashSet<>(List.of(1, 2, 3, 4));

    @BeforeAll
    static void startNetwork() {
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), NODES, "--consensus", "raft");
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void aLeaderIsElectedWithOneMinterAndThreeVerifiers() {
        long started = System.nanoTime();
        awaitOneMinterAndVerifiers("one minter and three verifiers");
        System.out.printf("raft: roles settled %d ms after the network answered JSON-RPC%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        int leader = leader();
        String leaderId = network.nodeId(leader);
        for (int node = 1; node <= NODES; node++) {
            assertEquals(leaderId, network.result(node, "raft_leader", "[]").asText(), "raft_leader on node " + node);
        }
        JsonNode cluster = network.result(1, "raft_cluster", "[]");
        assertEquals(NODES, cluster.size(), cluster.toString());
        for (JsonNode member : cluster) {
            int raftId = member.get("raftId").asInt();
            assertEquals(network.nodeId(raftId), member.get("nodeId").asText(), "raft id " + raftId + " is node " + raftId);
            assertEquals(raftId == leader ? "minter" : "verifier", member.get("role").asText(), member.toString());
            for (String field : List.of("hostname", "p2pPort", "raftPort", "nodeActive")) {
                assertTrue(member.has(field), field + " in " + member);
            }
        }
        assertEquals(2, network.result(3, "raft_getRaftId", "[\"" + network.nodeId(2) + "\"]").asInt());
    }

    @Test
    @Order(2)
    void aTransactionSentToNode2IsMinedAndEveryNodeReachesTheSameHead() {
        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(2, key, 0);
        QuorumNetwork.await("node 2 has the receipt of " + hash, LIMIT, () -> receipt(2, hash) != null);
        long minedIn = Long.decode(receipt(2, hash).get("blockNumber").asText());
        awaitSameChain(minedIn);
        JsonNode block = network.result(1, "eth_getBlockByNumber", "[\"0x" + Long.toHexString(minedIn) + "\", false]");
        String extra = block.get("extraData").asText();
        assertTrue(extra.startsWith("0x" + "00".repeat(32)) && extra.length() > 2 + 64,
                "GoQuorum's raft header form: 32 zero bytes, then RLP([raftId, signature]): " + extra);
        // the launcher's genesis says config.raft.timestampUnit = seconds (GoQuorum's nanoseconds break ethers)
        long timestamp = Long.decode(block.get("timestamp").asText());
        assertTrue(timestamp > 1_000_000_000L && timestamp < 100_000_000_000L, "a timestamp in seconds: " + timestamp);
    }

    /** ethers 6 reads every block it formats (a Wallet's send reads the latest): seconds timestamps matter. */
    @Test
    @Order(3)
    void ethersDeploysAndUsesContractsThroughAFollower() throws Exception {
        int leader = leader();
        int follower = leader == 2 ? 3 : 2;
        System.out.printf("raft: ethers 6 against node %d while node %d leads%n", follower, leader);
        JsonNode summary = ClientScript.run(URI.create("http://127.0.0.1:" + (network.rpcPort + follower - 1) + "/"));
        ClientScript.assertEthersSummary(summary);
        awaitSameChain(summary.path("blockNumber").asLong());
    }

    @Test
    @Order(4)
    void anIdleChainMakesNoBlockButTheQuietChainOne() throws InterruptedException {
        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(3, key, 0);
        QuorumNetwork.await("the receipt of " + hash, LIMIT, () -> receipt(3, hash) != null);
        long minedIn = Long.decode(receipt(3, hash).get("blockNumber").asText());
        QuorumNetwork.await("the quiet-chain block after block " + minedIn, LIMIT, () -> head(3) > minedIn);
        JsonNode quiet = network.result(3, "eth_getBlockByNumber", "[\"0x" + Long.toHexString(minedIn + 1) + "\", false]");
        assertEquals(0, quiet.get("transactions").size(), "the block after a block with transactions is the empty one");
        // absence can only be watched: several quiet-chain delays without a block
        Thread.sleep(QUIET_CHAIN_DELAY.multipliedBy(5).toMillis());
        for (int node = 1; node <= NODES; node++) {
            assertEquals(minedIn + 1, head(node), "node " + node + ": no block while the chain is idle");
        }
    }

    @Test
    @Order(5)
    void theLeaderKilledWhileTransactionsFlowIsReplacedAndNothingMinedIsLost() throws InterruptedException {
        int oldLeader = leader();
        int entry = oldLeader == 1 ? 2 : 1;
        Credentials key = QuorumNetwork.freshKey();
        List<String> sent = new ArrayList<>();
        Set<String> hadReceipt = new HashSet<>();
        for (int nonce = 0; nonce < 30; nonce++) {
            sent.add(network.sendTransfer(entry, key, nonce));
        }
        String before = sent.get(sent.size() - 1);
        QuorumNetwork.await("the first 30 transactions mined", LIMIT, () -> receipt(entry, before) != null);
        hadReceipt.addAll(sent);
        for (int nonce = 30; nonce < 45; nonce++) {
            sent.add(network.sendTransfer(entry, key, nonce));
        }
        // what is mined at the moment of the kill must survive it
        for (String hash : sent) {
            if (receipt(entry, hash) != null) {
                hadReceipt.add(hash);
            }
        }
        long killedAt = System.nanoTime();
        network.kill(oldLeader);
        running.remove(oldLeader);
        for (int nonce = 45; nonce < 100; nonce++) {
            sent.add(network.sendTransfer(entry, key, nonce));
        }
        QuorumNetwork.await("a new minter among the nodes left", LIMIT,
                () -> roles(running).stream().filter("minter"::equals).count() == 1);
        System.out.printf("raft: a new minter %d ms after the leader was killed%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        int newLeader = leader();
        assertTrue(newLeader != oldLeader, "the killed node cannot lead");
        String last = sent.get(sent.size() - 1);
        QuorumNetwork.await("all 100 transactions mined after the failover", LIMIT, () -> receipt(entry, last) != null);
        System.out.printf("raft: the last transaction mined %d ms after the leader was killed%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        long minedIn = Long.decode(receipt(entry, last).get("blockNumber").asText());
        awaitSameChain(minedIn);
        assertMined(sent, hadReceipt);

        network.launch("up"); // starts the killed node again
        running.add(oldLeader);
        awaitSameChain(minedIn);
        assertMined(sent, hadReceipt);
        assertEquals("0x64", network.result(oldLeader, "eth_getTransactionCount",
                "[\"" + key.getAddress() + "\", \"latest\"]").asText(), "the restarted node executed all 100 transactions");
        awaitOneMinterAndVerifiers("one minter and three verifiers again");
        assertRaftMessagesForTheDeadNodeExpiredAndWereDropped(oldLeader);
    }

    /**
     * The survivors' Raft messages to a node that was down expired in their outbound queues (5 s to
     * live) and were dropped: none waits in ExpiryQueue, where nothing would ever read it.
     */
    private static void assertRaftMessagesForTheDeadNodeExpiredAndWereDropped(int deadNode) {
        String outbound = "org.apache.activemq.artemis:broker=\"default\",component=addresses,address=\"jms.topic.QuorumPeerOutbound\""
                + ",subcomponent=queues,routing-type=\"multicast\",queue=\"quorum.peer.out." + network.nodeId(deadNode).substring(0, 32) + "\"";
        String expiry = "org.apache.activemq.artemis:broker=\"default\",component=addresses,address=\"jms.queue.ExpiryQueue\""
                + ",subcomponent=queues,routing-type=\"anycast\",queue=\"jms.queue.ExpiryQueue\"";
        long expired = 0;
        for (int node : running) {
            if (node != deadNode) {
                expired += ((Number) network.attribute(node, outbound, "MessagesExpired")).longValue();
            }
            assertEquals(0L, ((Number) network.attribute(node, expiry, "MessageCount")).longValue(),
                    "node " + node + " keeps no expired peer message");
        }
        System.out.printf("raft: %d messages to the killed node expired on the survivors%n", expired);
        assertTrue(expired > 0, "Raft messages to the killed node expired while it was down");
    }

    @Test
    @Order(6)
    void aContractDeployedThroughAFollowerIsOnEveryNode() {
        int follower = running.stream().filter(node -> node != leader()).findFirst().orElseThrow();
        Credentials key = QuorumNetwork.freshKey();
        // init code returning the runtime code 602a60005260206000f3 (returns 42)
        String init = "0x600a600c600039600a6000f3" + "602a60005260206000f3";
        RawTransaction tx = RawTransaction.createContractTransaction(BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.valueOf(200_000), BigInteger.ZERO, init);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, QuorumNetwork.CHAIN_ID, key));
        String hash = network.result(follower, "eth_sendRawTransaction", "[\"" + raw + "\"]").asText();
        QuorumNetwork.await("the deployment's receipt on node " + follower, LIMIT, () -> receipt(follower, hash) != null);
        JsonNode receipt = receipt(follower, hash);
        assertEquals("0x1", receipt.get("status").asText(), receipt.toString());
        String contract = receipt.get("contractAddress").asText();
        awaitSameChain(Long.decode(receipt.get("blockNumber").asText()));
        for (int node : running) {
            assertEquals("0x602a60005260206000f3", network.result(node, "eth_getCode", "[\"" + contract + "\", \"latest\"]")
                    .asText(), "the contract's code on node " + node);
            assertEquals("0x" + "0".repeat(62) + "2a", network.result(node, "eth_call",
                    "[{\"to\": \"" + contract + "\"}, \"latest\"]").asText(), "the contract answers on node " + node);
        }
    }

    /**
     * The leader cut off by permissions (the others revoke it through JMX, it revokes them): it keeps
     * the transactions sent to it meanwhile, the other three elect a new minter and mine what they
     * are sent; once permitted again the cut node follows the new leader, its transactions reach it by
     * the transaction sync of a new link and are mined, and there is one chain.
     */
    @Test
    @Order(7)
    void aLeaderCutOffByPermissionsIsReplacedAndItsTransactionsAreMinedOnceItIsBack() {
        int cut = leader();
        List<Integer> others = running.stream().filter(node -> node != cut).sorted().toList();
        long cutAt = System.nanoTime();
        for (int node : others) {
            assertEquals(Boolean.TRUE, network.invoke(node, PERMISSIONS, "remove", network.enode(cut)));
            assertEquals(Boolean.TRUE, network.invoke(cut, PERMISSIONS, "remove", network.enode(node)));
        }
        QuorumNetwork.await("node " + cut + " has no peer", LIMIT,
                () -> network.result(cut, "net_peerCount", "[]").asText().equals("0x0"));
        Credentials toCut = QuorumNetwork.freshKey();
        List<String> sentToCut = new ArrayList<>();
        for (int nonce = 0; nonce < 10; nonce++) {
            sentToCut.add(network.sendTransfer(cut, toCut, nonce));
        }
        QuorumNetwork.await("a new minter among nodes " + others, LIMIT, () -> {
            List<String> roles = roles(others);
            return roles.stream().filter("minter"::equals).count() == 1
                    && roles.stream().filter("verifier"::equals).count() == others.size() - 1;
        });
        System.out.printf("raft: a new minter among the others %d ms after node %d was cut off%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt), cut);
        int entry = others.get(0);
        String meanwhile = network.sendTransfer(entry, QuorumNetwork.freshKey(), 0);
        QuorumNetwork.await("the transaction sent to node " + entry + " mined while node " + cut + " is cut off", LIMIT,
                () -> receipt(entry, meanwhile) != null);
        assertTrue(receipt(cut, meanwhile) == null, "the cut node has no block made without it");
        for (String hash : sentToCut) {
            assertTrue(receipt(entry, hash) == null, "a transaction sent to the cut node cannot be mined without it");
        }

        long backAt = System.nanoTime();
        for (int node : others) {
            assertEquals(Boolean.TRUE, network.invoke(node, PERMISSIONS, "add", network.enode(cut)));
            assertEquals(Boolean.TRUE, network.invoke(cut, PERMISSIONS, "add", network.enode(node)));
        }
        String last = sentToCut.get(sentToCut.size() - 1);
        QuorumNetwork.await("the 10 transactions sent to the cut node mined", LIMIT, () -> receipt(entry, last) != null);
        System.out.printf("raft: the cut node's 10 transactions mined %d ms after its permissions were given back%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt));
        List<String> all = new ArrayList<>(sentToCut);
        all.add(meanwhile);
        awaitSameChain(Long.decode(receipt(entry, last).get("blockNumber").asText()));
        assertMined(all, Set.of());
        awaitOneMinterAndVerifiers("one minter and three verifiers once the cut node is back");
    }

    /**
     * Every node stopped, then started from its persisted log and chain: the same height and head, and
     * blocks again. The same up also starts a fifth node (joining, not a member yet) for the next test:
     * the launcher adds a node to a domain only when it starts.
     */
    @Test
    @Order(8)
    void theWholeNetworkStoppedAndStartedAgainComesBackAtItsHeightAndKeepsMinting() {
        int reference = running.stream().min(Integer::compare).orElseThrow();
        // the quiet-chain block made: a head with transactions would owe one after the restart
        QuorumNetwork.await("an idle chain (a head block without transactions)", LIMIT, () -> network.result(reference,
                "eth_getBlockByNumber", "[\"latest\", false]").get("transactions").isEmpty());
        awaitSameChain(head(reference));
        long height = head(reference);
        String headHash = headHash(reference);
        network.launch("down");
        network.launch("up", "--nodes", "5"); // node 5 starts as a joining member (quorum.raft.joinExisting=5)
        for (int node : running) {
            assertEquals(height, head(node), "node " + node + " came back at the height it had");
            assertEquals(headHash, headHash(node), "node " + node + " came back on the head it had");
        }
        awaitOneMinterAndVerifiers("one minter and three verifiers after the restart");
        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(reference, key, 0);
        QuorumNetwork.await("a transaction mined after the restart", LIMIT, () -> receipt(reference, hash) != null);
        long minedIn = Long.decode(receipt(reference, hash).get("blockNumber").asText());
        assertTrue(minedIn > height, "a new block on the old head: " + minedIn + " after " + height);
        awaitSameChain(minedIn);
    }

    @Test
    @Order(9)
    void aFifthNodeAddedAsLearnerCatchesUpAndIsPromotedToVerifier() {
        assertEquals("", network.result(5, "raft_role", "[]").asText(), "node 5 is no member yet");
        int leader = leader();
        String enode5 = network.enode(5);
        assertEquals(5, network.result(leader, "raft_addLearner", "[\"" + enode5 + "\"]").asInt(), "the next raft id");
        running.add(5);
        QuorumNetwork.await("node 5 is a learner", LIMIT, () -> network.result(5, "raft_role", "[]").asText().equals("learner"));
        awaitSameChain(1);

        Credentials key = QuorumNetwork.freshKey();
        String hash = network.sendTransfer(5, key, 0);
        QuorumNetwork.await("a transaction sent to the learner mined", LIMIT, () -> receipt(5, hash) != null);
        awaitSameChain(Long.decode(receipt(5, hash).get("blockNumber").asText()));

        JsonNode again = network.rpc(leader).call("raft_addPeer", "[\"" + enode5 + "\"]");
        assertTrue(again.has("error") && again.get("error").get("message").asText()
                .startsWith("node with this enode has already been added to the cluster"), again.toString());
        JsonNode notLearner = network.rpc(leader).call("raft_promoteToPeer", "[1]");
        assertEquals("1 is not a learner. only learner can be promoted to peer",
                notLearner.get("error").get("message").asText(), notLearner.toString());

        assertTrue(network.result(leader, "raft_promoteToPeer", "[5]").asBoolean());
        QuorumNetwork.await("node 5 is a verifier", LIMIT, () -> network.result(5, "raft_role", "[]").asText().equals("verifier"));
        JsonNode cluster = network.result(leader, "raft_cluster", "[]");
        assertEquals(5, cluster.size(), cluster.toString());
        String hash2 = network.sendTransfer(5, key, 1);
        QuorumNetwork.await("a transaction sent to the promoted node mined", LIMIT, () -> receipt(5, hash2) != null);
        awaitSameChain(Long.decode(receipt(5, hash2).get("blockNumber").asText()));
    }

    /**
     * raft_removePeer: the removed node gets no block committed after its removal (Raft is the only way
     * blocks travel) while the others go on; a member added later gets a new raft id, never the removed one.
     */
    @Test
    @Order(10)
    void aRemovedMemberReceivesNoMoreBlocksAndItsRaftIdIsNeverReused() {
        int leader = leader();
        int removedNode = 5;
        assertTrue(network.result(leader, "raft_removePeer", "[" + removedNode + "]").isNull(), "raft_removePeer answers null");
        running.remove(removedNode);
        QuorumNetwork.await("every member knows " + removedNode + " is gone", LIMIT, () -> running.stream()
                .allMatch(node -> network.result(node, "raft_cluster", "[]").size() == NODES));
        int entry = running.stream().filter(node -> node != leader).findFirst().orElseThrow();
        Credentials key = QuorumNetwork.freshKey();
        // proposed after the removal was applied: the leader never sends these blocks to the removed node
        String first = network.sendTransfer(entry, key, 0);
        QuorumNetwork.await("a transaction mined after the removal", LIMIT, () -> receipt(entry, first) != null);
        long firstBlock = Long.decode(receipt(entry, first).get("blockNumber").asText());
        long removedHead = head(removedNode);
        String second = network.sendTransfer(entry, key, 1);
        QuorumNetwork.await("a second transaction mined after the removal", LIMIT, () -> receipt(entry, second) != null);
        awaitSameChain(Long.decode(receipt(entry, second).get("blockNumber").asText()));
        assertTrue(removedHead < firstBlock, "node " + removedNode + " is at " + removedHead + ", below block " + firstBlock
                + " made after its removal");
        assertEquals(removedHead, head(removedNode), "node " + removedNode + "'s head stopped while the others advanced");
        assertTrue(receipt(removedNode, first) == null && receipt(removedNode, second) == null,
                "the removed node has none of the blocks made after its removal");

        // a member added now gets raft id 6: 5 stays retired (the new one is a learner no node runs, removed again)
        Credentials stranger = QuorumNetwork.freshKey();
        String enode = "enode://" + Numeric.toHexStringNoPrefixZeroPadded(stranger.getEcKeyPair().getPublicKey(), 128)
                + "@127.0.0.1:1?discport=0&raftport=2";
        assertEquals(6, network.result(leader, "raft_addLearner", "[\"" + enode + "\"]").asInt(), "raft ids are never reused");
        QuorumNetwork.await("raft id 6 in the cluster", LIMIT, () -> network.result(leader, "raft_cluster", "[]").size() == NODES + 1);
        network.result(leader, "raft_removePeer", "[6]");
        QuorumNetwork.await("raft id 6 removed", LIMIT, () -> network.result(leader, "raft_cluster", "[]").size() == NODES);
        String third = network.sendTransfer(entry, key, 2);
        QuorumNetwork.await("the cluster still mints", LIMIT, () -> receipt(entry, third) != null);
    }

    /** Every transaction is in the same block on every running node; those that had a receipt are among them. */
    private static void assertMined(List<String> sent, Set<String> hadReceipt) {
        assertTrue(sent.containsAll(hadReceipt));
        for (String hash : sent) {
            Map<Integer, String> blocks = new HashMap<>();
            for (int node : running) {
                JsonNode receipt = receipt(node, hash);
                assertFalse(receipt == null, "node " + node + " has no receipt of " + hash
                        + (hadReceipt.contains(hash) ? " (it had one before the kill)" : ""));
                assertEquals("0x1", receipt.get("status").asText(), hash);
                blocks.put(node, receipt.get("blockHash").asText());
            }
            assertEquals(1, new HashSet<>(blocks.values()).size(), hash + " in different blocks: " + blocks);
        }
    }

    /** Every running node has the same head, at least {@code from}, and the same block at every height. */
    private static void awaitSameChain(long from) {
        int reference = running.stream().min(Integer::compare).orElseThrow();
        network.awaitOrDescribe("all running nodes at the same head, at least " + from, LIMIT, () -> {
            String hash = headHash(reference);
            if (head(reference) < from) {
                return false;
            }
            return running.stream().allMatch(node -> headHash(node).equals(hash));
        });
        long head = head(reference);
        for (long number = 1; number <= head; number++) {
            String tag = "\"0x" + Long.toHexString(number) + "\"";
            String hash = network.result(reference, "eth_getBlockByNumber", "[" + tag + ", false]").get("hash").asText();
            for (int node : running) {
                assertEquals(hash, network.result(node, "eth_getBlockByNumber", "[" + tag + ", false]").get("hash").asText(),
                        "node " + node + " block " + number + ": no fork");
            }
        }
    }

    /** Waits until one running node is the minter and every other one a verifier. */
    private static void awaitOneMinterAndVerifiers(String what) {
        QuorumNetwork.await(what, LIMIT, () -> {
            List<String> roles = roles(running);
            return roles.stream().filter("minter"::equals).count() == 1
                    && roles.stream().filter("verifier"::equals).count() == running.size() - 1;
        });
    }

    private static List<String> roles(Collection<Integer> nodes) {
        List<String> roles = new ArrayList<>();
        for (int node : nodes) {
            roles.add(network.result(node, "raft_role", "[]").asText());
        }
        return roles;
    }

    private static int leader() {
        for (int node : running) {
            if (network.result(node, "raft_role", "[]").asText().equals("minter")) {
                return node;
            }
        }
        throw new AssertionError("no minter among " + running);
    }

    private static JsonNode receipt(int node, String hash) {
        JsonNode receipt = network.result(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
        return receipt == null || receipt.isNull() ? null : receipt;
    }

    private static long head(int node) {
        return Long.decode(network.result(node, "eth_blockNumber", "[]").asText());
    }

    private static String headHash(int node) {
        return network.result(node, "eth_getBlockByNumber", "[\"latest\", false]").get("hash").asText();
    }

}
