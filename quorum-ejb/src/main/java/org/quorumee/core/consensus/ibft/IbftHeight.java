package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.message.BftMessage;
import org.quorumee.core.consensus.ibft.message.IbftCodec;
import org.quorumee.core.consensus.ibft.message.IbftMessage;
import org.quorumee.core.crypto.InvalidSignatureException;
import org.quorumee.core.types.Address;

/**
 * Legacy IBFT at one height, with GoQuorum's rules ({@code consensus/istanbul/ibft/core}). States
 * ACCEPT_REQUEST → PRE-PREPARED → PREPARED → COMMITTED. The round's proposer sends PRE-PREPARE; a
 * validator accepts it (or, when locked on another block, asks for the next round) and sends
 * PREPARE; a quorum of PREPAREs and COMMITs locks the block and sends COMMIT with the committed
 * seal; a quorum of COMMITs finalises it. The lock holds for the rest of the height: a locked
 * validator only commits its locked block, and as a proposer re-proposes it. On timeout a
 * validator first catches up to the highest round F+1 others asked for, else asks for the next
 * round, and waits ("waiting for round change") until a quorum asks for the same round. Round
 * change messages carry no certificate in this protocol, which QBFT's justification replaced.
 */
final class IbftHeight implements HeightManager {
    private enum State { ACCEPT_REQUEST, PREPREPARED, PREPARED, COMMITTED }

    private final BftContext ctx;
    private final HeightContext hc;
    private boolean started;
    private int round;
    private State state = State.ACCEPT_REQUEST;
    private boolean waitingForRoundChange;
    private IbftMessage preprepare;
    private Block lockedBlock;
    private Block ownBlock;
    private final Map<Address, IbftMessage> prepares = new LinkedHashMap<>();
    private final Map<Address, IbftMessage> commits = new LinkedHashMap<>();
    private final TreeMap<Integer, Set<Address>> roundChanges = new TreeMap<>();
    /** Messages for later rounds or states of this height, per author as GoQuorum's backlog. */
    private final List<IbftMessage> backlog = new ArrayList<>();

    IbftHeight(BftContext ctx, HeightContext hc) {
        this.ctx = ctx;
        this.hc = hc;
    }

    @Override
    public int round() {
        return started ? round : -1;
    }

    @Override
    public byte[] lockedDigest() {
        return lockedBlock == null ? null : lockedBlock.hash();
    }

    private boolean isProposer() {
        return hc.proposer(round).equals(ctx.self());
    }

    @Override
    public void start() {
        ctx.armBlockTimer(hc.height(), hc.blockTimeMillis());
    }

    @Override
    public void blockTimerExpired() {
        if (started) {
            return;
        }
        if (isProposer()) {
            ownBlock = ctx.createBlock(hc);
            if (ownBlock.transactions().isEmpty() && ctx.now() < hc.emptyBlockTimeMillis()) {
                ownBlock = null;
                ctx.armBlockTimer(hc.height(), hc.emptyBlockTimeMillis());
                return;
            }
            startRoundZero();
            sendPreprepare(ownBlock);
        } else {
            startRoundZero();
        }
        processBacklog();
    }

    private void startRoundZero() {
        started = true;
        long timeout = hc.params().roundTimeoutMillis(0);
        if (!isProposer()) {
            timeout += Math.max(0, hc.emptyBlockTimeMillis() - hc.blockTimeMillis());
        }
        ctx.armRoundTimer(hc.height(), 0, timeout);
    }

    @Override
    public void roundTimerExpired(int expired) {
        if (!started || expired != round) {
            return;
        }
        if (!waitingForRoundChange) {
            Integer max = null;
            for (Map.Entry<Integer, Set<Address>> e : roundChanges.entrySet()) {
                if (e.getValue().size() >= hc.faultTolerance() + 1 && e.getKey() > round) {
                    max = e.getKey();
                }
            }
            if (max != null) {
                sendRoundChange(max);
                return;
            }
        }
        sendRoundChange(round + 1);
    }

    @Override
    public void handle(BftMessage message) {
        if (message instanceof IbftMessage m) {
            handleMessage(m);
            processBacklog();
        }
    }

    private enum Check { OK, FUTURE, OLD }

    /** GoQuorum's checkMessage: where a message stands against the current round and state. */
    private Check check(IbftMessage m) {
        if (m.code() == IbftMessage.ROUND_CHANGE) {
            return started && m.round() < round ? Check.OLD : Check.OK;
        }
        if (!started) {
            return m.code() == IbftMessage.PREPREPARE && m.round() == 0 ? Check.OK : Check.FUTURE;
        }
        if (m.round() > round) {
            return Check.FUTURE;
        }
        if (m.round() < round) {
            return Check.OLD;
        }
        if (waitingForRoundChange) {
            return Check.FUTURE;
        }
        if (state == State.ACCEPT_REQUEST && m.code() != IbftMessage.PREPREPARE) {
            return Check.FUTURE;
        }
        return Check.OK;
    }

    /** Handles a message; false when it went to the backlog. */
    private boolean handleMessage(IbftMessage m) {
        switch (check(m)) {
            case OLD:
                ctx.old++;
                return true;
            case FUTURE:
                if (m.round() <= Math.max(round, 0) + ctx.settings.limits().futureRounds()
                        && backlog.size() < ctx.settings.limits().futureMessages()) {
                    backlog.add(m);
                } else {
                    ctx.droppedFuture++;
                }
                return false;
            default:
                break;
        }
        switch (m.code()) {
            case IbftMessage.PREPREPARE -> handlePreprepare(m);
            case IbftMessage.PREPARE -> handlePrepare(m);
            case IbftMessage.COMMIT -> handleCommit(m);
            default -> handleRoundChange(m);
        }
        return true;
    }

    private void processBacklog() {
        boolean progress = true;
        while (progress && !backlog.isEmpty()) {
            progress = false;
            for (Iterator<IbftMessage> it = backlog.iterator(); it.hasNext();) {
                IbftMessage m = it.next();
                Check c = check(m);
                if (c == Check.OLD) {
                    it.remove();
                } else if (c == Check.OK) {
                    it.remove();
                    handleMessage(m);
                    progress = true;
                    break;
                }
            }
        }
    }

    // ---- PRE-PREPARE ----

    private void sendPreprepare(Block block) {
        IbftMessage m = IbftCodec.preprepare(hc.height(), round, block, ctx.settings.signer());
        ctx.multicast(IbftCodec.wire(m));
        acceptPreprepare(m);
    }

    private void handlePreprepare(IbftMessage m) {
        if (!m.author().equals(hc.proposer(m.round()))) {
            ctx.rejected++;
            return;
        }
        if (!started) {
            startRoundZero();
        }
        Optional<String> invalid = ctx.checkProposedBlock(hc, m.block());
        if (invalid.isPresent()) {
            ctx.rejected++;
            sendRoundChange(round + 1);
            return;
        }
        if (state != State.ACCEPT_REQUEST) {
            return;
        }
        acceptPreprepare(m);
    }

    private void acceptPreprepare(IbftMessage m) {
        if (lockedBlock != null && !m.isAbout(lockedBlock.hash())) {
            sendRoundChange(round + 1);
            return;
        }
        preprepare = m;
        byte[] digest = m.block().hash();
        prepares.values().removeIf(p -> !p.isAbout(digest));
        commits.values().removeIf(c -> !c.isAbout(digest));
        if (lockedBlock != null) {
            state = State.PREPARED;
            sendCommit();
        } else {
            state = State.PREPREPARED;
            IbftMessage own = IbftCodec.prepare(hc.height(), round, digest, ctx.settings.signer());
            ctx.multicast(IbftCodec.wire(own));
            handlePrepare(own);
        }
    }

    // ---- PREPARE and COMMIT ----

    private void handlePrepare(IbftMessage m) {
        if (preprepare == null || !m.isAbout(preprepare.block().hash())) {
            ctx.rejected++;
            return;
        }
        prepares.putIfAbsent(m.author(), m);
        boolean lockedOnIt = lockedBlock != null && m.isAbout(lockedBlock.hash());
        checkPrepared(lockedOnIt);
    }

    /**
     * Prepared: a quorum of validators sent PREPARE or COMMIT for the proposal (a COMMIT implies its
     * author was prepared). GoQuorum checks this only when a PREPARE arrives; checking on COMMIT too
     * keeps an unlocked validator from waiting forever when the others, locked, send only COMMITs.
     */
    private void checkPrepared(boolean lockedOnIt) {
        if ((lockedOnIt || prepareOrCommitCount() >= hc.quorum()) && state.compareTo(State.PREPARED) < 0) {
            lockedBlock = preprepare.block();
            state = State.PREPARED;
            sendCommit();
        }
    }

    private int prepareOrCommitCount() {
        Set<Address> authors = new HashSet<>(prepares.keySet());
        authors.addAll(commits.keySet());
        return authors.size();
    }

    private void sendCommit() {
        IbftMessage own = IbftCodec.commit(hc.height(), round, preprepare.block().hash(), ctx.settings.signer());
        ctx.multicast(IbftCodec.wire(own));
        handleCommit(own);
    }

    private void handleCommit(IbftMessage m) {
        if (preprepare == null || !m.isAbout(preprepare.block().hash())) {
            ctx.rejected++;
            return;
        }
        if (!m.author().equals(ctx.self()) && !validSeal(m)) {
            ctx.rejected++;
            return;
        }
        commits.putIfAbsent(m.author(), m);
        checkPrepared(false);
        if (commits.size() >= hc.quorum() && state.compareTo(State.COMMITTED) < 0) {
            lockedBlock = preprepare.block();
            state = State.COMMITTED;
            List<IbftMessage> sorted = new ArrayList<>(commits.values());
            sorted.sort(Comparator.comparing(IbftMessage::author));
            List<byte[]> seals = sorted.stream().map(IbftMessage::committedSeal).toList();
            Block block = preprepare.block();
            BlockHeader sealed = IstanbulHeaders.withCommittedSeals(block.header(), BftProtocol.IBFT, seals, round);
            ctx.importBlock(new Block(sealed, block.transactions(), block.ommers(), block.withdrawals()));
        }
    }

    /** GoQuorum leaves this to block import; checking it here keeps a bad seal out of the block. */
    private boolean validSeal(IbftMessage commit) {
        try {
            return ctx.settings.recovery().recover(IstanbulHeaders.ibftCommittedSealHash(commit.digest()), commit.committedSeal())
                    .equals(commit.author());
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    // ---- ROUND-CHANGE ----

    private void sendRoundChange(int target) {
        if (target <= round && started) {
            return;
        }
        // GoQuorum's catchUpRound: move to the round, keep the lock, and wait for a quorum.
        moveToRound(target);
        waitingForRoundChange = true;
        roundChanges.headMap(target).clear();
        IbftMessage own = IbftCodec.roundChange(hc.height(), target, ctx.settings.signer());
        ctx.multicast(IbftCodec.wire(own));
        handleRoundChange(own);
    }

    private void moveToRound(int target) {
        started = true;
        round = target;
        state = State.ACCEPT_REQUEST;
        preprepare = null;
        prepares.clear();
        commits.clear();
        ctx.armRoundTimer(hc.height(), target, hc.params().roundTimeoutMillis(target));
    }

    private void handleRoundChange(IbftMessage m) {
        if (m.round() > Math.max(round, 0) + 4L * ctx.settings.limits().futureRounds()) {
            ctx.droppedFuture++;
            return;
        }
        Set<Address> authors = roundChanges.computeIfAbsent(m.round(), r -> new LinkedHashSet<>());
        if (!authors.add(m.author())) {
            return;
        }
        int count = authors.size();
        if (waitingForRoundChange && count == hc.faultTolerance() + 1) {
            if (round < m.round()) {
                sendRoundChange(m.round());
            }
        } else if (count == hc.quorum() && (waitingForRoundChange || round < m.round())) {
            startNewRound(m.round());
        }
    }

    /** A quorum asked for {@code target}: start it, proposing the locked block or our own. */
    private void startNewRound(int target) {
        moveToRound(target);
        roundChanges.clear();
        waitingForRoundChange = false;
        if (isProposer()) {
            if (lockedBlock != null) {
                sendPreprepare(lockedBlock);
            } else {
                if (ownBlock == null) {
                    ownBlock = ctx.createBlock(hc);
                }
                sendPreprepare(ownBlock);
            }
        }
    }
}
