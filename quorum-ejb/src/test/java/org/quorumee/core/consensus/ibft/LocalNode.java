package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.message.WireMessage;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.types.Address;

/**
 * Besu's test shape: one real {@link BftController} (the local node) over an in-memory chain and a
 * clock the test moves, and the other validators as peers with their own keys, whose messages the
 * test signs and injects. Timers fire only when the test says; outbound actions are captured and
 * compared byte for byte with messages built from the local key (signatures are deterministic).
 */
final class LocalNode {
    final BftProtocol protocol;
    final ForkSchedule schedule;
    final List<KeyPair> keys = new ArrayList<>();
    final KeyPair local;
    final SimChain chain;
    final ValidatorCandidates candidates = new ValidatorCandidates();
    final BftController controller;
    long now = SimChain.GENESIS_TIME * 1000 + 1000;
    List<BftAction> out = List.of();
    int transactions = 1;
    /** The byte budget and the build time of the last block this node built. */
    ProposalByteBudget lastBytes;
    long lastBuildMillis;

    /**
     * {@code n} validators; the local node is the proposer of round {@code rotationIndex} (and of
     * every round congruent to it modulo n) at height 1.
     */
    LocalNode(ForkSchedule schedule, int n, int rotationIndex) {
        this(schedule, n, rotationIndex, BftLimits.defaults());
    }

    LocalNode(ForkSchedule schedule, int n, int rotationIndex, BftLimits limits) {
        this.schedule = schedule;
        this.protocol = schedule.at(1).protocol();
        for (int i = 0; i < n; i++) {
            keys.add(KeyPair.fromPrivateKey(Keccak.keccak256(("peer-" + i).getBytes())));
        }
        keys.sort(Comparator.comparing(KeyPair::address));
        Address localAddress = ProposerSelector.rotationOrder(addresses(), protocol).get(rotationIndex);
        local = keys.stream().filter(k -> k.address().equals(localAddress)).findFirst().orElseThrow();
        chain = new SimChain(schedule.at(0).protocol(), addresses(), schedule, SignatureRecovery.SECP256K1);
        controller = new BftController(new BftSettings(schedule, IstanbulFormatsTest.signer(local), SignatureRecovery.SECP256K1,
                chain, (parent, template, bytes, buildMillis) -> {
                    lastBytes = bytes;
                    lastBuildMillis = buildMillis;
                    return SimChain.creator(local.address(), () -> now, transactions).create(parent, template, bytes, buildMillis);
                },
                SimChain.VALIDATOR, candidates, () -> now, limits));
    }

    static LocalNode qbft(int n, int rotationIndex) {
        return new LocalNode(ForkSchedule.qbft(new QbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of()), n,
                rotationIndex);
    }

    static LocalNode ibft(int n, int rotationIndex) {
        return new LocalNode(ForkSchedule.ibft(new IbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of()), n,
                rotationIndex);
    }

    List<Address> addresses() {
        return keys.stream().map(KeyPair::address).toList();
    }

    NodeSigner signer(KeyPair key) {
        return IstanbulFormatsTest.signer(key);
    }

    NodeSigner localSigner() {
        return signer(local);
    }

    long height() {
        return chain.head().number() + 1;
    }

    BlockHeader head() {
        return chain.head();
    }

    /** The key of round {@code round}'s proposer at the current height. */
    KeyPair proposer(int round) {
        Address lastProposer = head().number() == 0 ? null
                : IstanbulHeaders.author(head(), schedule.at(head().number()).protocol(), SignatureRecovery.SECP256K1);
        Address a = ProposerSelector.proposer(chain.snapshotAfter(head()).validators(), lastProposer, round,
                schedule.at(height()).policy(), schedule.at(height()).protocol());
        return keys.stream().filter(k -> k.address().equals(a)).findFirst().orElseThrow();
    }

    /** Peers other than the local node and {@code except}. */
    List<KeyPair> peers(KeyPair... except) {
        List<KeyPair> out = new ArrayList<>(keys);
        out.remove(local);
        for (KeyPair k : except) {
            out.remove(k);
        }
        return out;
    }

    /** A block {@code by} would propose now on the head (IBFT: sealed by {@code by}). */
    Block block(KeyPair by, long timestamp, String salt) {
        BftProtocol p = schedule.at(height()).protocol();
        BlockTemplate t = IstanbulHeaders.template(p, height(), timestamp, by.address(), chain.snapshotAfter(head()).validators(), null);
        Block b = SimChain.build(head(), t, List.of(SimChain.standInTransaction(by.address(), height(), salt.hashCode())));
        if (p == BftProtocol.IBFT) {
            b = new Block(IstanbulHeaders.ibftSeal(b.header(), signer(by)), b.transactions(), List.of(), null);
        }
        return b;
    }

    long blockTime() {
        return head().timestamp() + schedule.at(height()).blockPeriodSeconds();
    }

    void start() {
        out = controller.start();
    }

    void fireBlockTimer() {
        now = Math.max(now, blockTime() * 1000);
        out = controller.onBlockTimer(height());
    }

    void fireRoundTimer(int round) {
        out = controller.onRoundTimer(height(), round);
    }

    void receive(WireMessage message) {
        out = controller.onMessage(message.encode());
    }

    /** Imports {@code block} as final and tells the controller. */
    void importBlock(Block block) {
        chain.append(block);
        out = controller.onNewHead();
    }

    List<byte[]> multicasts() {
        return out.stream().filter(a -> a instanceof BftAction.Multicast).map(a -> ((BftAction.Multicast) a).message()).toList();
    }

    /** Asserts the exact messages sent, in order. */
    void assertSent(WireMessage... expected) {
        List<String> actual = multicasts().stream().map(Hex::encode).toList();
        List<String> wanted = java.util.Arrays.stream(expected).map(m -> Hex.encode(m.encode())).toList();
        assertEquals(wanted, actual);
    }

    <T extends BftAction> List<T> actions(Class<T> type) {
        return out.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
