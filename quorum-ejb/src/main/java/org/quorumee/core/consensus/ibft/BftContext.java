package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.ValidatorVote;
import org.quorumee.core.consensus.ibft.message.IbftCodec;
import org.quorumee.core.consensus.ibft.message.QbftCodec;
import org.quorumee.core.consensus.ibft.message.WireMessage;
import org.quorumee.core.types.Address;

/** What the height managers share with their controller: ports, codecs, the outbox and counters. */
final class BftContext {
    final BftSettings settings;
    final BftBlockRules rules;
    final QbftCodec qbftCodec;
    final IbftCodec ibftCodec;
    final RecentMessages recent;
    private final List<BftAction> outbox = new ArrayList<>();
    long duplicates;
    long invalid;
    long old;
    long droppedFuture;
    long rejected;

    BftContext(BftSettings settings) {
        this.settings = settings;
        this.rules = new BftBlockRules(settings.schedule(), settings.recovery());
        this.qbftCodec = new QbftCodec(settings.recovery());
        this.ibftCodec = new IbftCodec(settings.recovery());
        this.recent = new RecentMessages(settings.limits().recentMessages());
    }

    Address self() {
        return settings.signer().address();
    }

    long now() {
        return settings.clock().nowMillis();
    }

    void multicast(WireMessage message) {
        byte[] encoded = message.encode();
        recent.add(encoded);
        outbox.add(new BftAction.Multicast(encoded));
    }

    void armBlockTimer(long height, long atMillis) {
        outbox.add(new BftAction.ArmBlockTimer(height, atMillis));
    }

    void armRoundTimer(long height, int round, long durationMillis) {
        outbox.add(new BftAction.ArmRoundTimer(height, round, durationMillis));
    }

    void importBlock(Block block) {
        outbox.add(new BftAction.ImportBlock(block));
    }

    List<BftAction> drain() {
        List<BftAction> out = List.copyOf(outbox);
        outbox.clear();
        return out;
    }

    /**
     * Builds this node's proposal for the height: template (timestamp, vote, consensus fields), the
     * creator's block within the proposal's byte budget and build time, and for IBFT the proposer seal.
     */
    Block createBlock(HeightContext hc) {
        long timestamp = Math.max(hc.parent().timestamp() + hc.params().blockPeriodSeconds(), now() / 1000);
        ValidatorVote vote = settings.candidates().voteFor(hc.snapshot(), hc.height()).orElse(null);
        BftProtocol protocol = hc.params().protocol();
        BlockTemplate template = IstanbulHeaders.template(protocol, hc.height(), timestamp, self(), hc.validators(), vote);
        Block block = settings.creator().create(hc.parent(), template,
                ProposalByteBudget.forMessages(settings.limits().maxMessageBytes()), hc.params().proposalBuildMillis());
        if (protocol == BftProtocol.IBFT) {
            BlockHeader sealed = IstanbulHeaders.ibftSeal(block.header(), settings.signer());
            block = new Block(sealed, block.transactions(), block.ommers(), block.withdrawals());
        }
        return block;
    }

    /** Why a block proposed for the height is not acceptable, or empty when it is. */
    Optional<String> checkProposedBlock(HeightContext hc, Block block) {
        BlockHeader header = block.header();
        if (header.number() != hc.height() || !Arrays.equals(header.parentHash(), hc.parent().hash())) {
            return Optional.of("block " + header.number() + " is not on the current head");
        }
        if (header.timestamp() * 1000 > now() + settings.limits().allowedFutureBlockMillis()) {
            return Optional.of("block timestamp " + header.timestamp() + " is in the future");
        }
        Optional<String> consensus = rules.checkProposal(block, hc.parent(), hc.snapshot());
        if (consensus.isPresent()) {
            return consensus;
        }
        return settings.validator().validate(block, hc.parent());
    }
}
