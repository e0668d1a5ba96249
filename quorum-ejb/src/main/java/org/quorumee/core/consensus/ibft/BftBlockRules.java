package org.quorumee.core.consensus.ibft;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.IstanbulBlockHash;
import org.quorumee.core.consensus.ibft.extra.IstanbulExtraData;
import org.quorumee.core.consensus.ibft.extra.InvalidExtraDataException;
import org.quorumee.core.consensus.ibft.extra.QbftExtraData;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.types.Address;

/**
 * The consensus rules of an Istanbul block that any node checks alone, against the parent and the
 * validators after it: mix hash, difficulty 1, no ommers, extraData in the protocol's layout listing
 * the parent's validators, the block period, the IBFT nonce, the proposer (IBFT: the proposer seal's
 * signer; QBFT: the coinbase) being a validator, and for a final block a quorum of committed seals
 * from distinct validators. GoQuorum accepts F+1 committed seals on import; a quorum is required
 * here, which every block GoQuorum itself makes carries. Execution is {@link BlockValidator}'s part.
 */
public final class BftBlockRules {
    private final ForkSchedule schedule;
    private final SignatureRecovery recovery;

    public BftBlockRules(ForkSchedule schedule, SignatureRecovery recovery) {
        this.schedule = schedule;
        this.recovery = recovery;
    }

    /**
     * Checks a proposed block, before committed seals: empty when it follows the rules, else the
     * first rule broken.
     */
    public Optional<String> checkProposal(Block block, BlockHeader parent, VoteSnapshot parentSnapshot) {
        BlockHeader header = block.header();
        Optional<String> common = checkHeader(header, parent, parentSnapshot);
        if (common.isPresent()) {
            return common;
        }
        BftParameters params = schedule.at(header.number());
        if (!committedSeals(header, params.protocol()).isEmpty()) {
            return Optional.of("a proposal carries no committed seals");
        }
        if (block.transactions().isEmpty() && header.timestamp() < parent.timestamp() + params.emptyBlockPeriodSeconds()) {
            return Optional.of("an empty block comes at least " + params.emptyBlockPeriodSeconds() + " s after its parent");
        }
        return Optional.empty();
    }

    /** Checks a final block as an importing node does: the proposal rules and a quorum of committed seals. */
    public Optional<String> checkFinal(BlockHeader header, BlockHeader parent, VoteSnapshot parentSnapshot) {
        Optional<String> common = checkHeader(header, parent, parentSnapshot);
        if (common.isPresent()) {
            return common;
        }
        BftParameters params = schedule.at(header.number());
        List<Address> committers;
        try {
            committers = IstanbulHeaders.committers(header, params.protocol(), recovery);
        } catch (InvalidSignatureException e) {
            return Optional.of("committed seal: " + e.getMessage());
        }
        Set<Address> distinct = new HashSet<>();
        for (Address committer : committers) {
            if (!parentSnapshot.validators().contains(committer)) {
                return Optional.of("committed seal by " + committer + ", not a validator");
            }
            if (!distinct.add(committer)) {
                return Optional.of("two committed seals by " + committer);
            }
        }
        int quorum = params.quorum(parentSnapshot.validators().size());
        if (distinct.size() < quorum) {
            return Optional.of(distinct.size() + " committed seals, fewer than the quorum of " + quorum);
        }
        return Optional.empty();
    }

    private Optional<String> checkHeader(BlockHeader header, BlockHeader parent, VoteSnapshot parentSnapshot) {
        if (header.number() != parent.number() + 1 || !Arrays.equals(header.parentHash(), parent.hash())) {
            return Optional.of("block " + header.number() + " does not follow its parent " + parent.number());
        }
        if (!IstanbulBlockHash.isIstanbulDigest(header.mixHash())) {
            return Optional.of("mix hash is not the Istanbul digest");
        }
        if (!BigInteger.ONE.equals(header.difficulty())) {
            return Optional.of("difficulty is 1");
        }
        if (!Arrays.equals(BlockHeader.EMPTY_OMMERS_HASH, header.ommersHash())) {
            return Optional.of("Istanbul blocks have no ommers");
        }
        BftParameters params = schedule.at(header.number());
        if (header.timestamp() < parent.timestamp() + params.blockPeriodSeconds()) {
            return Optional.of("timestamp is less than " + params.blockPeriodSeconds() + " s after the parent's");
        }
        List<Address> listed;
        try {
            listed = IstanbulHeaders.validators(header, params.protocol());
        } catch (InvalidExtraDataException e) {
            return Optional.of("extraData: " + e.getMessage());
        }
        if (!listed.equals(parentSnapshot.validators())) {
            return Optional.of("extraData lists " + listed + ", the validators are " + parentSnapshot.validators());
        }
        Address author;
        try {
            if (params.protocol() == BftProtocol.IBFT) {
                IstanbulHeaders.vote(header, params.protocol());
            }
            author = IstanbulHeaders.author(header, params.protocol(), recovery);
        } catch (IllegalArgumentException | InvalidSignatureException e) {
            return Optional.of("proposer: " + e.getMessage());
        }
        if (!parentSnapshot.validators().contains(author)) {
            return Optional.of("proposer " + author + " is not a validator");
        }
        return Optional.empty();
    }

    private static List<byte[]> committedSeals(BlockHeader header, BftProtocol protocol) {
        return protocol == BftProtocol.IBFT
                ? IstanbulExtraData.decode(header.extraData()).committedSeals()
                : QbftExtraData.decode(header.extraData()).committedSeals();
    }
}
