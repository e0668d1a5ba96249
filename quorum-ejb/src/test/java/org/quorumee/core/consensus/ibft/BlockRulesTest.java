package org.quorumee.core.consensus.ibft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.extra.QbftExtraData;
import org.quorumee.core.consensus.ibft.extra.ValidatorVote;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.types.Address;

/** What any node checks alone on a block: the consensus header rules and the committed seals. */
class BlockRulesTest {

    private static Block sealedBy(LocalNode node, Block block, List<KeyPair> committers, int round) {
        BftProtocol p = node.schedule.at(block.header().number()).protocol();
        List<byte[]> seals = new ArrayList<>();
        for (KeyPair k : committers) {
            byte[] hash = p == BftProtocol.IBFT ? IstanbulHeaders.ibftCommittedSealHash(block.hash())
                    : IstanbulHeaders.qbftCommittedSealHash(block.header(), round);
            seals.add(k.sign(hash).toBytes());
        }
        return new Block(IstanbulHeaders.withCommittedSeals(block.header(), p, seals, round), block.transactions(), List.of(), null);
    }

    private static Optional<String> checkFinal(LocalNode node, BlockHeader header) {
        return new BftBlockRules(node.schedule, SignatureRecovery.SECP256K1).checkFinal(header, node.head(), node.chain.snapshotAfter(node.head()));
    }

    private static Optional<String> checkProposal(LocalNode node, Block block) {
        return new BftBlockRules(node.schedule, SignatureRecovery.SECP256K1).checkProposal(block, node.head(), node.chain.snapshotAfter(node.head()));
    }

    @Test
    void qbftFinalBlockNeedsAQuorumOfDistinctValidatorSeals() {
        LocalNode node = LocalNode.qbft(4, 0);
        Block block = node.block(node.proposer(0), node.blockTime(), "a");
        assertEquals(Optional.empty(), checkProposal(node, block));
        List<KeyPair> k = node.keys;
        assertEquals(Optional.empty(), checkFinal(node, sealedBy(node, block, k.subList(0, 3), 2).header()));
        assertTrue(checkFinal(node, sealedBy(node, block, k.subList(0, 2), 2).header()).orElseThrow().contains("fewer than the quorum"));
        assertTrue(checkFinal(node, sealedBy(node, block, List.of(k.get(0), k.get(1), k.get(1)), 2).header()).orElseThrow().contains("two committed seals"));
        KeyPair outsider = KeyPair.fromPrivateKey(Keccak.keccak256("outsider".getBytes()));
        assertTrue(checkFinal(node, sealedBy(node, block, List.of(k.get(0), k.get(1), outsider), 2).header()).orElseThrow().contains("not a validator"));
        // Seals made for round 1 do not hold for a header that says round 2.
        Block round1 = sealedBy(node, block, k.subList(0, 3), 1);
        BlockHeader relabelled = round1.header().toBuilder()
                .extraData(QbftExtraData.decode(round1.header().extraData()).withRound(2).encode()).build();
        assertTrue(checkFinal(node, relabelled).isPresent());
        // A proposal carries no seals yet.
        assertTrue(checkProposal(node, sealedBy(node, block, k.subList(0, 3), 0)).isPresent());
    }

    @Test
    void headerRulesForProposals() {
        LocalNode node = LocalNode.qbft(4, 0);
        Block good = node.block(node.proposer(0), node.blockTime(), "a");
        BlockHeader h = good.header();
        assertTrue(checkProposal(node, with(good, h.toBuilder().mixHash(new byte[32]).build())).orElseThrow().contains("mix hash"));
        assertTrue(checkProposal(node, with(good, h.toBuilder().difficulty(BigInteger.TWO).build())).orElseThrow().contains("difficulty"));
        assertTrue(checkProposal(node, with(good, h.toBuilder().timestamp(SimChain.GENESIS_TIME).build())).orElseThrow().contains("timestamp"));
        assertTrue(checkProposal(node, with(good, h.toBuilder().coinbase(Address.ofLong(9)).build())).orElseThrow().contains("not a validator"));
        assertTrue(checkProposal(node, with(good, h.toBuilder().extraData(QbftExtraData.of(node.addresses().subList(0, 3)).encode()).build()))
                .orElseThrow().contains("extraData lists"));
        assertTrue(checkProposal(node, with(good, h.toBuilder().ommersHash(new byte[32]).build())).orElseThrow().contains("ommers"));
        assertTrue(checkProposal(node, with(good, h.toBuilder().number(2).build())).orElseThrow().contains("does not follow"));
    }

    @Test
    void emptyBlocksRespectTheEmptyBlockPeriod() {
        LocalNode node = new LocalNode(ForkSchedule.qbft(new QbftConfig(30000, 1, 5, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of()), 4, 0);
        KeyPair p = node.proposer(0);
        BlockTemplate early = IstanbulHeaders.template(BftProtocol.QBFT, 1, SimChain.GENESIS_TIME + 1, p.address(), node.addresses(), null);
        assertTrue(checkProposal(node, SimChain.build(node.head(), early, List.of())).orElseThrow().contains("empty block"));
        assertEquals(Optional.empty(), checkProposal(node, node.block(p, SimChain.GENESIS_TIME + 1, "not empty")));
        BlockTemplate late = IstanbulHeaders.template(BftProtocol.QBFT, 1, SimChain.GENESIS_TIME + 5, p.address(), node.addresses(), null);
        assertEquals(Optional.empty(), checkProposal(node, SimChain.build(node.head(), late, List.of())));
    }

    @Test
    void ibftNeedsAValidatorsProposerSealAndAVoteNonce() {
        LocalNode node = LocalNode.ibft(4, 0);
        Block block = node.block(node.proposer(0), node.blockTime(), "a");
        assertEquals(Optional.empty(), checkFinal(node, sealedBy(node, block, node.keys.subList(1, 4), 0).header()));
        BlockHeader unsealed = block.header().toBuilder()
                .extraData(IstanbulExtraData.decode(block.header().extraData()).withProposerSeal(new byte[0]).encode()).build();
        assertTrue(checkProposal(node, with(block, unsealed)).orElseThrow().contains("proposer"));
        KeyPair outsider = KeyPair.fromPrivateKey(Keccak.keccak256("outsider".getBytes()));
        BlockHeader outsiderSealed = IstanbulHeaders.ibftSeal(unsealed, IstanbulFormatsTest.signer(outsider));
        assertTrue(checkProposal(node, with(block, outsiderSealed)).orElseThrow().contains("not a validator"));
        BlockHeader badNonce = IstanbulHeaders.ibftSeal(unsealed.toBuilder().nonce(7).build(), node.signer(node.proposer(0)));
        assertTrue(checkProposal(node, with(block, badNonce)).orElseThrow().contains("nonce"));
        // A vote: coinbase = candidate, nonce all ones.
        BlockTemplate t = IstanbulHeaders.template(BftProtocol.IBFT, 1, node.blockTime(), node.proposer(0).address(), node.addresses(),
                new ValidatorVote(Address.ofLong(5), true));
        assertEquals(Address.ofLong(5), t.coinbase());
        assertEquals(-1L, t.nonce());
    }

    @Test
    void snapshotsWalkBackToTheLastEpochBlockOnly() {
        // A 4-validator QBFT chain with epoch 3, where validators vote a fifth in and the votes reset.
        ForkSchedule schedule = ForkSchedule.qbft(new QbftConfig(3, 1, 0, 1000, 0, ProposerPolicy.ROUND_ROBIN, 0L), List.of());
        LocalNode node = new LocalNode(schedule, 4, 0);
        Address candidate = Address.ofLong(0xee);
        List<Block> blocks = new ArrayList<>();
        VoteSnapshot expected = VoteSnapshot.genesis(3, 0, node.head().hash(), node.addresses(), ProposerPolicy.ROUND_ROBIN);
        for (int i = 0; i < 7; i++) {
            KeyPair author = node.keys.get(i % 4);
            VoteSnapshot before = node.chain.snapshotAfter(node.head());
            ValidatorVote vote = new ValidatorVote(candidate, true);
            BlockTemplate t = IstanbulHeaders.template(BftProtocol.QBFT, node.height(), node.blockTime(), author.address(),
                    before.validators(), vote);
            Block b = SimChain.build(node.head(), t, List.of());
            b = sealedBy(node, b, node.keys.subList(0, 4), 0);
            blocks.add(b);
            node.chain.append(b);
            expected = expected.apply(b.header().number(), b.hash(), 3, author.address(), vote);
        }
        // Blocks 1-2 vote twice (no majority of 4), block 3 resets, 4-5-6 reach 3 of 4 at block 6.
        assertEquals(expected.validators(), node.chain.snapshotAfter(node.head()).validators());
        assertTrue(expected.validators().contains(candidate));
        // A fresh cache rebuilds block 7's snapshot from block 6 (the epoch block) on: it is given
        // blocks 6 and 7 only, and would fail on an unknown ancestor if it walked further.
        VoteSnapshots fresh = new VoteSnapshots(schedule, hash -> blocks.subList(5, 7).stream().map(Block::header)
                .filter(hd -> java.util.Arrays.equals(hd.hash(), hash)).findFirst(), SignatureRecovery.SECP256K1, 8);
        assertEquals(expected.validators(), fresh.after(blocks.get(6).header()).validators());
        assertEquals(expected.votes(), fresh.after(blocks.get(6).header()).votes());
    }

    private static Block with(Block block, BlockHeader header) {
        return new Block(header, block.transactions(), block.ommers(), block.withdrawals());
    }
}
