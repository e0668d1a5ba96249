package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.QbftExtraData;
import org.quorumee.core.consensus.ibft.message.QbftCodec;
import org.quorumee.core.consensus.ibft.message.QbftPrepare;
import org.quorumee.core.consensus.ibft.message.QbftRoundChange;
import org.quorumee.core.consensus.ibft.message.QbftRoundChangePayload;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.types.Address;

/** One real QBFT node, fake signing peers, timers fired by the test, exact outbound messages. */
class QbftLocalNodeTest {

    private static QbftPrepare prepare(LocalNode node, KeyPair by, int round, Block block) {
        return QbftCodec.prepare(node.height(), round, block.hash(), node.signer(by));
    }

    private static byte[] seal(KeyPair by, Block block, int round) {
        return by.sign(IstanbulHeaders.qbftCommittedSealHash(block.header(), round)).toBytes();
    }

    @Test
    void localProposerProposesPreparesCommitsAndFinalises() {
        LocalNode node = LocalNode.qbft(4, 0);
        node.start();
        assertEquals(List.of(new BftAction.ArmBlockTimer(1, (SimChain.GENESIS_TIME + 1) * 1000)), node.out);
        node.fireBlockTimer();
        Block expected = SimChain.creator(node.local.address(), () -> node.now, 1).create(node.head(),
                IstanbulHeaders.template(BftProtocol.QBFT, 1, SimChain.GENESIS_TIME + 1, node.local.address(), node.addresses(), null),
                ProposalByteBudget.NONE, Long.MAX_VALUE);
        assertEquals(List.of(new BftAction.ArmRoundTimer(1, 0, 1000)), node.actions(BftAction.ArmRoundTimer.class));
        // within half of a 16 MiB message and half of the 1 s block period
        assertEquals(new ProposalByteBudget(8 * 1024 * 1024), node.lastBytes);
        assertEquals(500, node.lastBuildMillis);
        node.assertSent(QbftCodec.wire(QbftCodec.proposal(1, 0, expected, List.of(), List.of(), node.localSigner())),
                QbftCodec.wire(QbftCodec.prepare(1, 0, expected.hash(), node.localSigner())));

        List<KeyPair> peers = node.peers();
        node.receive(QbftCodec.wire(prepare(node, peers.get(0), 0, expected)));
        node.assertSent();
        node.receive(QbftCodec.wire(prepare(node, peers.get(1), 0, expected)));
        node.assertSent(QbftCodec.wire(QbftCodec.commit(1, 0, expected.hash(), seal(node.local, expected, 0), node.localSigner())));

        node.receive(QbftCodec.wire(QbftCodec.commit(1, 0, expected.hash(), seal(peers.get(2), expected, 0), node.signer(peers.get(2)))));
        assertTrue(node.actions(BftAction.ImportBlock.class).isEmpty());
        node.receive(QbftCodec.wire(QbftCodec.commit(1, 0, expected.hash(), seal(peers.get(0), expected, 0), node.signer(peers.get(0)))));
        Block fin = node.actions(BftAction.ImportBlock.class).get(0).block();
        assertArrayEquals(expected.hash(), fin.hash());
        List<Address> committers = IstanbulHeaders.committers(fin.header(), BftProtocol.QBFT, SignatureRecovery.SECP256K1);
        assertEquals(List.of(node.local.address(), peers.get(0).address(), peers.get(2).address()).stream().sorted().toList(), committers);
        assertEquals(Optional.empty(), new BftBlockRules(node.schedule, SignatureRecovery.SECP256K1)
                .checkFinal(fin.header(), node.head(), node.chain.snapshotAfter(node.head())));
    }

    @Test
    void validatorPreparesTheProposerProposalOnly() {
        LocalNode node = LocalNode.qbft(4, 1);
        node.start();
        node.fireBlockTimer();
        node.assertSent();
        KeyPair proposer = node.proposer(0);
        KeyPair other = node.peers(proposer).get(0);
        // A non-proposer's proposal and a fresh block whose coinbase is not its proposer are ignored.
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 0, node.block(other, node.blockTime(), "x"), List.of(), List.of(), node.signer(other))));
        node.assertSent();
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 0, node.block(other, node.blockTime(), "y"), List.of(), List.of(), node.signer(proposer))));
        node.assertSent();
        Block block = node.block(proposer, node.blockTime(), "a");
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 0, block, List.of(), List.of(), node.signer(proposer))));
        node.assertSent(QbftCodec.wire(QbftCodec.prepare(1, 0, block.hash(), node.localSigner())));
        // A second proposal in the round is ignored (the first stands).
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 0, node.block(proposer, node.blockTime(), "b"), List.of(), List.of(), node.signer(proposer))));
        node.assertSent();
    }

    @Test
    void roundChangeCarriesThePreparedCertificate() {
        LocalNode node = LocalNode.qbft(4, 1);
        node.start();
        node.fireBlockTimer();
        KeyPair proposer = node.proposer(0);
        Block block = node.block(proposer, node.blockTime(), "a");
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 0, block, List.of(), List.of(), node.signer(proposer))));
        QbftPrepare own = QbftCodec.prepare(1, 0, block.hash(), node.localSigner());
        QbftPrepare p1 = prepare(node, proposer, 0, block);
        QbftPrepare p2 = prepare(node, node.peers(proposer).get(0), 0, block);
        node.receive(QbftCodec.wire(p1));
        node.receive(QbftCodec.wire(p2));
        node.assertSent(QbftCodec.wire(QbftCodec.commit(1, 0, block.hash(), seal(node.local, block, 0), node.localSigner())));
        // No commits arrive: the round times out; the round change proves the preparation.
        node.fireRoundTimer(0);
        assertEquals(List.of(new BftAction.ArmRoundTimer(1, 1, 2000)), node.actions(BftAction.ArmRoundTimer.class));
        node.assertSent(QbftCodec.wire(QbftCodec.roundChange(1, 1, 0, block, List.of(own, p1, p2), node.localSigner())));
        assertEquals(1, node.controller.status().round());
        // A stale timer changes nothing.
        node.fireRoundTimer(0);
        assertTrue(node.out.isEmpty());
    }

    @Test
    void justifiedFutureRoundProposalMovesTheNodeToThatRound() {
        LocalNode node = LocalNode.qbft(4, 1);
        node.start();
        node.fireBlockTimer();
        KeyPair proposer2 = node.proposer(2);
        List<QbftRoundChangePayload> rcs = new ArrayList<>();
        for (KeyPair peer : node.peers()) {
            rcs.add(QbftCodec.roundChange(1, 2, null, null, List.of(), node.signer(peer)).payload());
        }
        Block fresh = node.block(proposer2, node.blockTime(), "r2");
        // Without a quorum of round changes the proposal is refused.
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 2, fresh, rcs.subList(0, 2), List.of(), node.signer(proposer2))));
        assertTrue(node.out.isEmpty());
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 2, fresh, rcs, List.of(), node.signer(proposer2))));
        assertEquals(List.of(new BftAction.ArmRoundTimer(1, 2, 4000)), node.actions(BftAction.ArmRoundTimer.class));
        node.assertSent(QbftCodec.wire(QbftCodec.prepare(1, 2, fresh.hash(), node.localSigner())));
        assertEquals(2, node.controller.status().round());
    }

    @Test
    void newProposerReproposesTheHighestPreparedBlock() {
        LocalNode node = LocalNode.qbft(4, 1); // proposer of round 1
        node.start();
        node.fireBlockTimer();
        KeyPair proposer0 = node.proposer(0);
        Block block = node.block(proposer0, node.blockTime(), "a");
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 0, block, List.of(), List.of(), node.signer(proposer0))));
        node.fireRoundTimer(0); // not prepared: an empty round change
        QbftRoundChange own = QbftCodec.roundChange(1, 1, null, null, List.of(), node.localSigner());
        node.assertSent(QbftCodec.wire(own));
        List<KeyPair> peers = node.peers();
        List<QbftPrepare> certificate = peers.stream().map(p -> prepare(node, p, 0, block)).toList();
        QbftRoundChange prepared = QbftCodec.roundChange(1, 1, 0, block, certificate, node.signer(peers.get(0)));
        QbftRoundChange empty = QbftCodec.roundChange(1, 1, null, null, List.of(), node.signer(peers.get(1)));
        node.receive(QbftCodec.wire(prepared));
        node.assertSent();
        node.receive(QbftCodec.wire(empty));
        node.assertSent(QbftCodec.wire(QbftCodec.proposal(1, 1, block, List.of(own.payload(), prepared.payload(), empty.payload()),
                certificate, node.localSigner())), QbftCodec.wire(QbftCodec.prepare(1, 1, block.hash(), node.localSigner())));
    }

    @Test
    void roundChangeWithoutProofOfItsPreparationIsRefused() {
        LocalNode node = LocalNode.qbft(4, 2); // not round 1's proposer
        node.start();
        node.fireBlockTimer();
        Block block = node.block(node.proposer(0), node.blockTime(), "a");
        List<KeyPair> peers = node.peers();
        List<QbftPrepare> two = peers.subList(0, 2).stream().map(p -> prepare(node, p, 0, block)).toList();
        // F+1 round changes would move the node up; a refused one does not count.
        node.receive(QbftCodec.wire(QbftCodec.roundChange(1, 1, 0, block, two, node.signer(peers.get(0)))));
        node.receive(QbftCodec.wire(QbftCodec.roundChange(1, 1, null, null, List.of(), node.signer(peers.get(1)))));
        assertEquals(0, node.controller.status().round());
        node.receive(QbftCodec.wire(QbftCodec.roundChange(1, 1, null, null, List.of(), node.signer(peers.get(2)))));
        assertEquals(1, node.controller.status().round());
        node.assertSent(QbftCodec.wire(QbftCodec.roundChange(1, 1, null, null, List.of(), node.localSigner())));
    }

    @Test
    void commitWithABadSealIsNotCounted() {
        LocalNode node = LocalNode.qbft(4, 1);
        node.start();
        node.fireBlockTimer();
        KeyPair proposer = node.proposer(0);
        Block block = node.block(proposer, node.blockTime(), "a");
        node.receive(QbftCodec.wire(QbftCodec.proposal(1, 0, block, List.of(), List.of(), node.signer(proposer))));
        List<KeyPair> peers = node.peers(proposer);
        node.receive(QbftCodec.wire(prepare(node, proposer, 0, block)));
        node.receive(QbftCodec.wire(prepare(node, peers.get(0), 0, block)));
        // A seal over the round-1 hash is not a seal for round 0.
        node.receive(QbftCodec.wire(QbftCodec.commit(1, 0, block.hash(), seal(proposer, block, 1), node.signer(proposer))));
        node.receive(QbftCodec.wire(QbftCodec.commit(1, 0, block.hash(), seal(peers.get(0), block, 0), node.signer(peers.get(0)))));
        assertTrue(node.actions(BftAction.ImportBlock.class).isEmpty());
        node.receive(QbftCodec.wire(QbftCodec.commit(1, 0, block.hash(), seal(peers.get(1), block, 0), node.signer(peers.get(1)))));
        Block fin = node.actions(BftAction.ImportBlock.class).get(0).block();
        assertEquals(3, QbftExtraData.decode(fin.header().extraData()).committedSeals().size());
        assertTrue(!IstanbulHeaders.committers(fin.header(), BftProtocol.QBFT, SignatureRecovery.SECP256K1).contains(proposer.address()));
    }

    @Test
    void futureHeightMessagesWaitForTheirHeight() {
        LocalNode node = LocalNode.qbft(4, 1);
        node.start();
        node.fireBlockTimer();
        KeyPair proposer = node.proposer(0);
        Block block = node.block(proposer, node.blockTime(), "a");
        List<byte[]> seals = new ArrayList<>();
        for (KeyPair k : node.peers()) {
            seals.add(seal(k, block, 0));
        }
        BlockHeader sealed = IstanbulHeaders.withCommittedSeals(block.header(), BftProtocol.QBFT, seals, 0);
        Block block1 = new Block(sealed, block.transactions(), List.of(), null);
        // Height 2's proposer, on block 1 (the round robin moves on from block 1's coinbase).
        LocalNode view = LocalNode.qbft(4, 1);
        view.chain.append(block1);
        KeyPair proposer2 = view.proposer(0);
        Block block2 = view.block(proposer2, view.blockTime(), "h2");
        node.receive(QbftCodec.wire(QbftCodec.proposal(2, 0, block2, List.of(), List.of(), node.signer(proposer2))));
        node.assertSent();
        assertEquals(java.util.Map.of(2L, 1), node.controller.futureMessageCounts());
        node.now = (block2.header().timestamp()) * 1000;
        node.importBlock(block1);
        node.assertSent(QbftCodec.wire(QbftCodec.prepare(2, 0, block2.hash(), node.localSigner())));
        assertEquals(2, node.controller.status().height());
    }

    /** Block 1, proposed by the first validator in address order and committed by the other three. */
    private static Block firstBlock(LocalNode node) {
        KeyPair first = node.keys.get(0);
        Block block = node.block(first, node.blockTime(), "1");
        List<byte[]> seals = node.keys.subList(1, 4).stream().map(k -> seal(k, block, 0)).toList();
        return new Block(IstanbulHeaders.withCommittedSeals(block.header(), BftProtocol.QBFT, seals, 0), block.transactions(), List.of(), null);
    }

    @Test
    void theProposerRotatesAfterEachBlock() {
        // Round robin: after a block by validator 0 (address order), validator 1 proposes round 0.
        LocalNode second = LocalNode.qbft(4, 1);
        assertEquals(second.keys.get(1), second.local);
        second.start();
        second.importBlock(firstBlock(second));
        second.fireBlockTimer();
        assertEquals(2, second.multicasts().size()); // PROPOSAL and PREPARE for height 2
        // Sticky: validator 0 proposes again; validator 1 only waits.
        ForkSchedule sticky = ForkSchedule.qbft(new QbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.STICKY, 0L), List.of());
        LocalNode stickyFirst = new LocalNode(sticky, 4, 0);
        stickyFirst.start();
        stickyFirst.importBlock(firstBlock(stickyFirst));
        stickyFirst.fireBlockTimer();
        assertEquals(2, stickyFirst.multicasts().size());
        LocalNode stickySecond = new LocalNode(sticky, 4, 1);
        stickySecond.start();
        stickySecond.importBlock(firstBlock(stickySecond));
        stickySecond.fireBlockTimer();
        stickySecond.assertSent();
        // ...until round 1, when validator 1 is next.
        assertEquals(stickySecond.local, stickySecond.proposer(1));
    }

    @Test
    void aFullFutureBufferGivesUpItsHighestHeightsFirst() {
        LocalNode node = new LocalNode(ForkSchedule.qbft(new QbftConfig(30000, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of()),
                4, 1, new BftLimits(10, 2, 10, 4096, 1000, 1 << 20));
        node.start();
        KeyPair peer = node.peers().get(0);
        byte[] digest = new byte[32];
        node.receive(QbftCodec.wire(QbftCodec.prepare(5, 0, digest, node.signer(peer))));
        node.receive(QbftCodec.wire(QbftCodec.prepare(4, 0, digest, node.signer(peer))));
        node.receive(QbftCodec.wire(QbftCodec.prepare(3, 0, digest, node.signer(peer))));
        assertEquals(java.util.Map.of(3L, 1, 4L, 1), node.controller.futureMessageCounts());
        node.receive(QbftCodec.wire(QbftCodec.prepare(6, 0, digest, node.signer(peer))));
        node.receive(QbftCodec.wire(QbftCodec.prepare(12, 0, digest, node.signer(peer))));
        assertEquals(java.util.Map.of(3L, 1, 4L, 1), node.controller.futureMessageCounts());
        assertEquals(3, node.controller.status().droppedFutureMessages());
    }

    @Test
    void duplicatesOutsidersAndOldMessagesAreDropped() {
        LocalNode node = LocalNode.qbft(4, 0);
        node.start();
        node.fireBlockTimer();
        byte[] digest = node.multicasts().isEmpty() ? null : Keccak.keccak256(node.multicasts().get(0));
        KeyPair outsider = KeyPair.fromPrivateKey(Keccak.keccak256("outsider".getBytes()));
        node.receive(QbftCodec.wire(QbftCodec.prepare(1, 0, digest, node.signer(outsider))));
        QbftPrepare p = QbftCodec.prepare(1, 0, digest, node.signer(node.peers().get(0)));
        node.receive(QbftCodec.wire(p));
        node.receive(QbftCodec.wire(p));
        node.receive(QbftCodec.wire(QbftCodec.prepare(0, 0, digest, node.signer(node.peers().get(1)))));
        BftStatus status = node.controller.status();
        assertEquals(1, status.duplicateMessages());
        assertEquals(1, status.oldMessages());
        assertTrue(status.rejectedMessages() >= 2); // the outsider, and the prepare for another digest
        node.out = node.controller.onMessage(new byte[] {1, 2, 3});
        assertEquals(1, node.controller.status().invalidMessages());
    }

    @Test
    void emptyBlocksWaitForTheEmptyBlockPeriod() {
        LocalNode node = new LocalNode(ForkSchedule.qbft(new QbftConfig(30000, 1, 3, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of()), 4, 0);
        node.transactions = 0;
        node.start();
        node.fireBlockTimer();
        node.assertSent();
        assertEquals(List.of(new BftAction.ArmBlockTimer(1, (SimChain.GENESIS_TIME + 3) * 1000)), node.out);
        node.now = (SimChain.GENESIS_TIME + 3) * 1000;
        node.out = node.controller.onBlockTimer(1);
        assertEquals(2, node.multicasts().size());
        assertEquals(List.of(new BftAction.ArmRoundTimer(1, 0, 1000)), node.actions(BftAction.ArmRoundTimer.class));
    }

    @Test
    void roundTimeoutsDoubleAndStopAtTheCap() {
        BftParameters p = ForkSchedule.qbft(new QbftConfig(30000, 1, 0, 10_000, 60, ProposerPolicy.ROUND_ROBIN, 0L), List.of()).at(1);
        assertEquals(List.of(10_000L, 20_000L, 40_000L, 60_000L, 60_000L),
                List.of(p.roundTimeoutMillis(0), p.roundTimeoutMillis(1), p.roundTimeoutMillis(2), p.roundTimeoutMillis(3),
                        p.roundTimeoutMillis(40)));
        BftParameters uncapped = ForkSchedule.qbft(QbftConfig.defaults(1), List.of()).at(1);
        assertEquals(80_000L, uncapped.roundTimeoutMillis(3));
        assertTrue(uncapped.roundTimeoutMillis(10_000) > 0);
    }
}
