package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.message.IbftCodec;
import org.quorumee.core.crypto.KeyPair;

/** One real legacy-IBFT node, fake signing peers, timers fired by the test, exact outbound messages. */
class IbftLocalNodeTest {

    @Test
    void proposerSendsASealedPreprepareThenPrepare() {
        LocalNode node = LocalNode.ibft(4, 0);
        node.start();
        node.fireBlockTimer();
        Block unsealed = SimChain.creator(node.local.address(), () -> node.now, 1).create(node.head(),
                IstanbulHeaders.template(BftProtocol.IBFT, 1, SimChain.GENESIS_TIME + 1, node.local.address(), node.addresses(), null),
                ProposalByteBudget.NONE, Long.MAX_VALUE);
        Block sealed = new Block(IstanbulHeaders.ibftSeal(unsealed.header(), node.localSigner()), unsealed.transactions(), List.of(), null);
        assertEquals(node.local.address(), IstanbulHeaders.author(sealed.header(), BftProtocol.IBFT, SignatureRecovery.SECP256K1));
        node.assertSent(IbftCodec.wire(IbftCodec.preprepare(1, 0, sealed, node.localSigner())),
                IbftCodec.wire(IbftCodec.prepare(1, 0, sealed.hash(), node.localSigner())));
        // IBFT blocks carry no proposer in the coinbase (it holds the vote) and a zero nonce without a vote.
        assertEquals(org.quorumee.core.types.Address.ZERO, sealed.header().coinbase());
        assertEquals(0L, sealed.header().nonce());
    }

    @Test
    void aLockedValidatorCommitsOnlyItsLockedBlock() {
        LocalNode node = LocalNode.ibft(4, 3); // proposer of round 3 only
        node.start();
        node.fireBlockTimer();
        KeyPair p0 = node.proposer(0);
        Block a = node.block(p0, node.blockTime(), "a");
        node.receive(IbftCodec.wire(IbftCodec.preprepare(1, 0, a, node.signer(p0))));
        node.assertSent(IbftCodec.wire(IbftCodec.prepare(1, 0, a.hash(), node.localSigner())));
        node.receive(IbftCodec.wire(IbftCodec.prepare(1, 0, a.hash(), node.signer(p0))));
        node.receive(IbftCodec.wire(IbftCodec.prepare(1, 0, a.hash(), node.signer(node.proposer(1)))));
        node.assertSent(IbftCodec.wire(IbftCodec.commit(1, 0, a.hash(), node.localSigner())));
        assertArrayEquals(a.hash(), node.controller.lockedDigest());

        // The round times out; a quorum asks for round 1, whose proposer offers another block.
        node.fireRoundTimer(0);
        node.assertSent(IbftCodec.wire(IbftCodec.roundChange(1, 1, node.localSigner())));
        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 1, node.signer(node.proposer(1)))));
        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 1, node.signer(node.proposer(2)))));
        assertEquals(1, node.controller.status().round());
        KeyPair p1 = node.proposer(1);
        Block b = node.block(p1, node.blockTime(), "b");
        node.receive(IbftCodec.wire(IbftCodec.preprepare(1, 1, b, node.signer(p1))));
        // Locked on A: no PREPARE for B, a ROUND-CHANGE instead.
        node.assertSent(IbftCodec.wire(IbftCodec.roundChange(1, 2, node.localSigner())));

        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 2, node.signer(node.proposer(1)))));
        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 2, node.signer(node.proposer(2)))));
        assertEquals(2, node.controller.status().round());
        // Round 2's proposer re-proposes A (still sealed by its first proposer): commit at once.
        KeyPair p2 = node.proposer(2);
        node.receive(IbftCodec.wire(IbftCodec.preprepare(1, 2, a, node.signer(p2))));
        node.assertSent(IbftCodec.wire(IbftCodec.commit(1, 2, a.hash(), node.localSigner())));
        node.receive(IbftCodec.wire(IbftCodec.commit(1, 2, a.hash(), node.signer(p2))));
        node.receive(IbftCodec.wire(IbftCodec.commit(1, 2, a.hash(), node.signer(p0))));
        Block fin = node.actions(BftAction.ImportBlock.class).get(0).block();
        assertArrayEquals(a.hash(), fin.hash());
        assertEquals(3, IstanbulExtraData.decode(fin.header().extraData()).committedSeals().size());
    }

    @Test
    void aLockedProposerReproposesItsLock() {
        LocalNode node = LocalNode.ibft(4, 1); // proposer of round 1
        node.start();
        node.fireBlockTimer();
        KeyPair p0 = node.proposer(0);
        Block a = node.block(p0, node.blockTime(), "a");
        node.receive(IbftCodec.wire(IbftCodec.preprepare(1, 0, a, node.signer(p0))));
        node.receive(IbftCodec.wire(IbftCodec.prepare(1, 0, a.hash(), node.signer(p0))));
        node.receive(IbftCodec.wire(IbftCodec.prepare(1, 0, a.hash(), node.signer(node.proposer(2)))));
        node.fireRoundTimer(0);
        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 1, node.signer(p0))));
        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 1, node.signer(node.proposer(2)))));
        node.assertSent(IbftCodec.wire(IbftCodec.preprepare(1, 1, a, node.localSigner())),
                IbftCodec.wire(IbftCodec.commit(1, 1, a.hash(), node.localSigner())));
    }

    @Test
    void aTimeoutCatchesUpToTheRoundFPlusOneOthersWant() {
        LocalNode node = LocalNode.ibft(4, 2); // not round 3's proposer
        node.start();
        node.fireBlockTimer();
        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 3, node.signer(node.proposer(0)))));
        node.receive(IbftCodec.wire(IbftCodec.roundChange(1, 3, node.signer(node.proposer(1)))));
        assertEquals(0, node.controller.status().round());
        node.fireRoundTimer(0);
        node.assertSent(IbftCodec.wire(IbftCodec.roundChange(1, 3, node.localSigner())));
        // With its own, a quorum wants round 3: it starts (one timer for the catch-up, one for the new round).
        assertEquals(List.of(new BftAction.ArmRoundTimer(1, 3, 8000), new BftAction.ArmRoundTimer(1, 3, 8000)),
                node.actions(BftAction.ArmRoundTimer.class));
        assertEquals(3, node.controller.status().round());
    }

    @Test
    void anInvalidProposalAsksForTheNextRound() {
        LocalNode node = LocalNode.ibft(4, 3);
        node.start();
        node.fireBlockTimer();
        KeyPair p0 = node.proposer(0);
        Block good = node.block(p0, node.blockTime(), "a");
        // The same header with a transaction it does not commit to.
        Block bad = new Block(good.header(), List.of(SimChain.standInTransaction(p0.address(), 1, 99)), List.of(), null);
        node.receive(IbftCodec.wire(IbftCodec.preprepare(1, 0, bad, node.signer(p0))));
        node.assertSent(IbftCodec.wire(IbftCodec.roundChange(1, 1, node.localSigner())));
    }

    @Test
    void committedSealsThatDoNotSignTheBlockAreRefused() {
        LocalNode node = LocalNode.ibft(4, 3);
        node.start();
        node.fireBlockTimer();
        KeyPair p0 = node.proposer(0);
        Block a = node.block(p0, node.blockTime(), "a");
        node.receive(IbftCodec.wire(IbftCodec.preprepare(1, 0, a, node.signer(p0))));
        node.receive(IbftCodec.wire(IbftCodec.prepare(1, 0, a.hash(), node.signer(p0))));
        node.receive(IbftCodec.wire(IbftCodec.prepare(1, 0, a.hash(), node.signer(node.proposer(1)))));
        // A COMMIT whose committed seal signs another hash: counted as nothing.
        KeyPair p1 = node.proposer(1);
        Block other = node.block(p1, node.blockTime(), "other");
        BlockHeader h = other.header();
        var forged = IbftCodec.commit(1, 0, h.hash(), node.signer(p1));
        var wrongSeal = new org.quorumee.core.consensus.ibft.message.IbftMessage(forged.code(), 1, 0, null, a.hash(),
                forged.committedSeal(), p1.address(), forged.signature());
        // The envelope signature covers the digest, so re-encoding it with A's digest breaks it: refused outright.
        node.receive(IbftCodec.wire(wrongSeal));
        assertEquals(1, node.controller.status().invalidMessages());
        node.receive(IbftCodec.wire(IbftCodec.commit(1, 0, a.hash(), node.signer(p0))));
        assertTrue(node.actions(BftAction.ImportBlock.class).isEmpty());
        node.receive(IbftCodec.wire(IbftCodec.commit(1, 0, a.hash(), node.signer(p1))));
        assertEquals(1, node.actions(BftAction.ImportBlock.class).size());
    }
}
