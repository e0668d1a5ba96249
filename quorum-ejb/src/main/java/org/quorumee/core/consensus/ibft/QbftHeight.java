package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.message.BftMessage;
import org.quorumee.core.consensus.ibft.message.QbftCodec;
import org.quorumee.core.consensus.ibft.message.QbftCommit;
import org.quorumee.core.consensus.ibft.message.QbftPrepare;
import org.quorumee.core.consensus.ibft.message.QbftProposal;
import org.quorumee.core.consensus.ibft.message.QbftRoundChange;
import org.quorumee.core.consensus.ibft.message.QbftRoundChangePayload;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.types.Address;

/**
 * QBFT at one height, in Besu's shape with GoQuorum's messages. The block timer starts round 0,
 * whose proposer builds and proposes a block. A valid proposal is answered with PREPARE; a quorum
 * of PREPAREs for it makes the node prepared (it keeps the prepared certificate: round, block and
 * PREPAREs) and sends COMMIT with its committed seal; a quorum of valid COMMITs finalises the block.
 * When a round times out the node moves to the next one and sends ROUND-CHANGE carrying its latest
 * prepared certificate. F+1 round changes for higher rounds pull it up to the lowest of them; a
 * quorum for a round lets that round's proposer propose, justified by the round changes: the block
 * of the highest prepared certificate among them (with that certificate's PREPAREs), or a fresh one
 * when none was prepared. A justified proposal for a later round moves the node to that round.
 * No explicit lock: a block is only re-proposable through a certificate, which keeps two quorums
 * from finalising different blocks.
 */
final class QbftHeight implements HeightManager {

    /** A quorum of PREPAREs for one block in one round. */
    private record PreparedCertificate(int round, Block block, List<QbftPrepare> prepares) {
    }

    /** Messages of one round. */
    private static final class RoundState {
        final int round;
        QbftProposal proposal;
        boolean proposalSent;
        final Map<Address, QbftPrepare> prepares = new LinkedHashMap<>();
        final Map<Address, QbftCommit> commits = new LinkedHashMap<>();
        final Set<Address> badSeals = new HashSet<>();
        final Set<Address> goodSeals = new HashSet<>();
        boolean prepared;
        boolean committed;

        RoundState(int round) {
            this.round = round;
        }

        Block block() {
            return proposal == null ? null : proposal.block();
        }
    }

    private final BftContext ctx;
    private final HeightContext hc;
    private RoundState current;
    private PreparedCertificate latestPrepared;
    private final TreeMap<Integer, Map<Address, QbftRoundChange>> roundChanges = new TreeMap<>();
    /** Prepares and commits for later rounds, one of each per author and round. */
    private final TreeMap<Integer, Map<String, BftMessage>> futureRounds = new TreeMap<>();

    QbftHeight(BftContext ctx, HeightContext hc) {
        this.ctx = ctx;
        this.hc = hc;
    }

    @Override
    public int round() {
        return current == null ? -1 : current.round;
    }

    private boolean isProposer(int round) {
        return hc.proposer(round).equals(ctx.self());
    }

    @Override
    public void start() {
        ctx.armBlockTimer(hc.height(), hc.blockTimeMillis());
    }

    @Override
    public void blockTimerExpired() {
        if (current != null) {
            return; // a proposal started round 0 already
        }
        if (isProposer(0)) {
            Block block = ctx.createBlock(hc);
            if (block.transactions().isEmpty() && ctx.now() < hc.emptyBlockTimeMillis()) {
                // Nothing to include: wait for the empty block period before proposing.
                ctx.armBlockTimer(hc.height(), hc.emptyBlockTimeMillis());
                return;
            }
            startRound(0);
            current.proposalSent = true;
            propose(block, List.of(), List.of());
        } else {
            startRound(0);
        }
    }

    @Override
    public void roundTimerExpired(int round) {
        if (current == null || current.round != round) {
            return; // stale timer
        }
        doRoundChange(round + 1);
    }

    @Override
    public void handle(BftMessage message) {
        if (message instanceof QbftProposal p) {
            handleProposal(p);
        } else if (message instanceof QbftPrepare p) {
            handlePrepare(p);
        } else if (message instanceof QbftCommit c) {
            handleCommit(c);
        } else if (message instanceof QbftRoundChange rc) {
            handleRoundChange(rc);
        }
    }

    // ---- rounds ----

    private void startRound(int round) {
        current = new RoundState(round);
        long timeout = hc.params().roundTimeoutMillis(round);
        if (round == 0 && !isProposer(0)) {
            // The proposer may wait out the empty block period before proposing.
            timeout += Math.max(0, hc.emptyBlockTimeMillis() - hc.blockTimeMillis());
        }
        ctx.armRoundTimer(hc.height(), round, timeout);
        roundChanges.headMap(round).clear();
        Map<String, BftMessage> buffered = futureRounds.remove(round);
        futureRounds.headMap(round).clear();
        if (buffered != null) {
            for (BftMessage m : buffered.values()) {
                handle(m);
            }
        }
    }

    private void doRoundChange(int newRound) {
        if (current != null && current.round >= newRound) {
            return;
        }
        startRound(newRound);
        QbftRoundChange rc = latestPrepared == null
                ? QbftCodec.roundChange(hc.height(), newRound, null, null, List.of(), ctx.settings.signer())
                : QbftCodec.roundChange(hc.height(), newRound, latestPrepared.round(), latestPrepared.block(),
                        latestPrepared.prepares(), ctx.settings.signer());
        ctx.multicast(QbftCodec.wire(rc));
        handleRoundChange(rc);
    }

    private void propose(Block block, List<QbftRoundChangePayload> justification, List<QbftPrepare> prepares) {
        QbftProposal proposal = QbftCodec.proposal(hc.height(), current.round, block, justification, prepares,
                ctx.settings.signer());
        ctx.multicast(QbftCodec.wire(proposal));
        accept(proposal);
    }

    // ---- proposal ----

    private void handleProposal(QbftProposal p) {
        int round = p.round();
        if (current != null && (round < current.round || (round == current.round && current.proposal != null))) {
            return; // old, or a second proposal for the round (the first one stands)
        }
        if (round > round() + ctx.settings.limits().futureRounds() && current != null) {
            ctx.rejected++;
            return;
        }
        Optional<String> invalid = validateProposal(p);
        if (invalid.isPresent()) {
            ctx.rejected++;
            return;
        }
        if (current == null || round > current.round) {
            startRound(round);
        }
        accept(p);
    }

    private Optional<String> validateProposal(QbftProposal p) {
        if (!p.author().equals(hc.proposer(p.round()))) {
            return Optional.of("proposal by " + p.author() + ", not the round's proposer");
        }
        Block block = p.block();
        if (p.round() == 0) {
            if (!p.roundChanges().isEmpty() || !p.prepares().isEmpty()) {
                return Optional.of("a round 0 proposal carries no justification");
            }
            if (!block.header().coinbase().equals(p.author())) {
                return Optional.of("a fresh block's coinbase is its proposer");
            }
        } else {
            Optional<String> unjustified = checkJustification(p);
            if (unjustified.isPresent()) {
                return unjustified;
            }
        }
        return ctx.checkProposedBlock(hc, block);
    }

    /**
     * A proposal for round r &gt; 0 must carry a quorum of round changes for r from distinct
     * validators; if any was prepared, the block must be the one of the highest prepared round and a
     * quorum of PREPAREs must prove it; if none was, the block is fresh (coinbase = proposer).
     */
    private Optional<String> checkJustification(QbftProposal p) {
        List<QbftRoundChangePayload> rcs = p.roundChanges();
        Set<Address> authors = new HashSet<>();
        Map<Integer, byte[]> preparedDigests = new HashMap<>();
        QbftRoundChangePayload best = null;
        for (QbftRoundChangePayload rc : rcs) {
            if (!hc.isValidator(rc.author()) || !authors.add(rc.author())) {
                return Optional.of("justification round change from a non-validator or twice from one");
            }
            if (rc.height() != hc.height() || rc.round() != p.round()) {
                return Optional.of("justification round change for another round");
            }
            if (rc.isPrepared()) {
                if (rc.preparedRound() >= p.round()) {
                    return Optional.of("justification prepared round is not below the proposal's");
                }
                byte[] seen = preparedDigests.putIfAbsent(rc.preparedRound(), rc.preparedDigest());
                if (seen != null && !Arrays.equals(seen, rc.preparedDigest())) {
                    return Optional.of("two prepared blocks for one round in the justification");
                }
                if (best == null || rc.preparedRound() > best.preparedRound()) {
                    best = rc;
                }
            }
        }
        if (authors.size() < hc.quorum()) {
            return Optional.of("justification has " + authors.size() + " round changes, fewer than a quorum");
        }
        if (best == null) {
            if (!p.prepares().isEmpty()) {
                return Optional.of("prepares justify nothing when no round change was prepared");
            }
            if (!p.block().header().coinbase().equals(p.author())) {
                return Optional.of("a fresh block's coinbase is its proposer");
            }
            return Optional.empty();
        }
        if (!Arrays.equals(p.block().hash(), best.preparedDigest())) {
            return Optional.of("the block is not the highest prepared one");
        }
        return checkPrepares(p.prepares(), best.preparedRound(), best.preparedDigest());
    }

    /** A quorum of PREPAREs from distinct validators for {@code (height, round, digest)}. */
    private Optional<String> checkPrepares(List<QbftPrepare> prepares, int round, byte[] digest) {
        Set<Address> authors = new HashSet<>();
        for (QbftPrepare prepare : prepares) {
            if (!hc.isValidator(prepare.author()) || !authors.add(prepare.author())) {
                return Optional.of("prepare from a non-validator or twice from one");
            }
            if (prepare.height() != hc.height() || prepare.round() != round || !prepare.hasDigest(digest)) {
                return Optional.of("prepare for another round or block");
            }
        }
        if (authors.size() < hc.quorum()) {
            return Optional.of(authors.size() + " prepares, fewer than a quorum");
        }
        return Optional.empty();
    }

    private void accept(QbftProposal p) {
        current.proposal = p;
        byte[] digest = p.block().hash();
        current.prepares.values().removeIf(prepare -> !prepare.hasDigest(digest));
        current.commits.values().removeIf(commit -> !commit.hasDigest(digest));
        QbftPrepare own = QbftCodec.prepare(hc.height(), current.round, digest, ctx.settings.signer());
        ctx.multicast(QbftCodec.wire(own));
        current.prepares.putIfAbsent(own.author(), own);
        evaluate();
    }

    // ---- prepare and commit ----

    private boolean buffered(BftMessage message, Address author, int round) {
        if (current != null && round == current.round) {
            return false;
        }
        if (current == null || round > current.round) {
            if (round <= Math.max(round(), 0) + ctx.settings.limits().futureRounds()) {
                String key = message.getClass().getSimpleName() + author;
                futureRounds.computeIfAbsent(round, r -> new LinkedHashMap<>()).putIfAbsent(key, message);
            } else {
                ctx.droppedFuture++;
            }
        }
        return true;
    }

    private void handlePrepare(QbftPrepare p) {
        if (buffered(p, p.author(), p.round())) {
            return;
        }
        if (current.proposal != null && !p.hasDigest(current.block().hash())) {
            ctx.rejected++;
            return;
        }
        current.prepares.putIfAbsent(p.author(), p);
        evaluate();
    }

    private void handleCommit(QbftCommit c) {
        if (buffered(c, c.author(), c.round())) {
            return;
        }
        if (current.proposal != null && !c.hasDigest(current.block().hash())) {
            ctx.rejected++;
            return;
        }
        current.commits.putIfAbsent(c.author(), c);
        evaluate();
    }

    private boolean validSeal(QbftCommit commit, byte[] sealHash) {
        if (current.goodSeals.contains(commit.author())) {
            return true;
        }
        if (current.badSeals.contains(commit.author())) {
            return false;
        }
        try {
            if (ctx.settings.recovery().recover(sealHash, commit.commitSeal()).equals(commit.author())) {
                current.goodSeals.add(commit.author());
                return true;
            }
        } catch (InvalidSignatureException e) {
            // a bad seal, as below
        }
        current.badSeals.add(commit.author());
        ctx.rejected++;
        return false;
    }

    private void evaluate() {
        RoundState round = current;
        if (round.proposal == null || round.committed) {
            return;
        }
        Block block = round.block();
        byte[] digest = block.hash();
        if (!round.prepared && round.prepares.size() >= hc.quorum()) {
            round.prepared = true;
            latestPrepared = new PreparedCertificate(round.round, block, List.copyOf(round.prepares.values()));
            byte[] seal = ctx.settings.signer().sign(IstanbulHeaders.qbftCommittedSealHash(block.header(), round.round)).toBytes();
            QbftCommit own = QbftCodec.commit(hc.height(), round.round, digest, seal, ctx.settings.signer());
            ctx.multicast(QbftCodec.wire(own));
            round.commits.putIfAbsent(own.author(), own);
        }
        if (round.commits.size() >= hc.quorum()) {
            byte[] sealHash = IstanbulHeaders.qbftCommittedSealHash(block.header(), round.round);
            List<QbftCommit> valid = new ArrayList<>();
            for (QbftCommit commit : round.commits.values()) {
                if (commit.author().equals(ctx.self()) || validSeal(commit, sealHash)) {
                    valid.add(commit);
                }
            }
            round.commits.keySet().removeIf(round.badSeals::contains);
            if (valid.size() >= hc.quorum()) {
                round.committed = true;
                valid.sort(Comparator.comparing(QbftCommit::author));
                List<byte[]> seals = valid.stream().map(QbftCommit::commitSeal).toList();
                BlockHeader sealed = IstanbulHeaders.withCommittedSeals(block.header(), BftProtocol.QBFT, seals, round.round);
                ctx.importBlock(new Block(sealed, block.transactions(), block.ommers(), block.withdrawals()));
            }
        }
    }

    // ---- round change ----

    private Optional<String> validateRoundChange(QbftRoundChange rc) {
        QbftRoundChangePayload payload = rc.payload();
        if (payload.round() < 1) {
            return Optional.of("a round change targets round 1 or later");
        }
        if (!payload.isPrepared()) {
            return rc.justification().isEmpty() ? Optional.empty() : Optional.of("prepares without a prepared round");
        }
        if (payload.preparedRound() >= payload.round()) {
            return Optional.of("prepared round is not below the target round");
        }
        if (rc.preparedBlock().header().number() != hc.height()) {
            return Optional.of("prepared block is for another height");
        }
        return checkPrepares(rc.justification(), payload.preparedRound(), payload.preparedDigest());
    }

    private void handleRoundChange(QbftRoundChange rc) {
        int target = rc.payload().round();
        if (target < round()) {
            return; // for a past round
        }
        if (target > Math.max(round(), 0) + ctx.settings.limits().futureRounds() * 4L) {
            ctx.droppedFuture++;
            return;
        }
        Optional<String> invalid = validateRoundChange(rc);
        if (invalid.isPresent()) {
            ctx.rejected++;
            return;
        }
        roundChanges.computeIfAbsent(target, r -> new LinkedHashMap<>()).putIfAbsent(rc.payload().author(), rc);

        // F+1 validators want higher rounds: move up to the lowest of them.
        Set<Address> higher = new HashSet<>();
        Integer lowestHigher = null;
        for (Map.Entry<Integer, Map<Address, QbftRoundChange>> e : roundChanges.tailMap(round(), false).entrySet()) {
            if (!e.getValue().isEmpty()) {
                higher.addAll(e.getValue().keySet());
                lowestHigher = lowestHigher == null ? e.getKey() : Math.min(lowestHigher, e.getKey());
            }
        }
        if (higher.size() >= hc.faultTolerance() + 1 && lowestHigher != null && lowestHigher > round()) {
            doRoundChange(lowestHigher);
        }
        maybeProposeAfterRoundChange(target);
    }

    /** With a quorum of round changes for {@code target}, its proposer proposes. */
    private void maybeProposeAfterRoundChange(int target) {
        Map<Address, QbftRoundChange> quorum = roundChanges.get(target);
        if (quorum == null || quorum.size() < hc.quorum()) {
            return;
        }
        if (target > round()) {
            startRound(target);
        }
        if (current.round != target || !isProposer(target) || current.proposalSent) {
            return;
        }
        QbftRoundChange best = null;
        for (QbftRoundChange rc : quorum.values()) {
            if (rc.payload().isPrepared() && (best == null || rc.payload().preparedRound() > best.payload().preparedRound())) {
                best = rc;
            }
        }
        current.proposalSent = true;
        List<QbftRoundChangePayload> justification = quorum.values().stream().map(QbftRoundChange::payload).toList();
        if (best == null) {
            propose(ctx.createBlock(hc), justification, List.of());
        } else {
            propose(best.preparedBlock(), justification, best.justification());
        }
    }
}
