package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The Raft protocol as a pure state machine (etcd's raft.go shape, written afresh): every input is
 * a method call, every output piles up in {@link #msgs} and in the log's unstable part, for
 * {@link RaftNode} to hand out as a {@link Ready}. No clock, thread or I/O; time is {@link #tick()};
 * randomness (election jitter) comes from the injected generator. Maps are ordered so that a run is
 * reproducible from its seed.
 */
final class Raft {
    static final long NONE = 0;

    private enum VoteResult { PENDING, WON, LOST }

    final long id;
    long term;
    long vote;
    final RaftLog log;
    private final long maxMsgSize;
    private final int maxInflight;
    /** Progress of every member (this node included), in id order. */
    final TreeMap<Long, Progress> progress = new TreeMap<>();
    private final TreeMap<Long, Boolean> votes = new TreeMap<>();
    Role state = Role.FOLLOWER;
    boolean isLearner;
    final List<Message> msgs = new ArrayList<>();
    long lead = NONE;
    /** A leader accepts no new membership change while one at or below this index is unapplied. */
    private long pendingConfIndex;
    int electionElapsed;
    private int heartbeatElapsed;
    private final boolean checkQuorum;
    private final boolean preVote;
    private final int heartbeatTimeout;
    private final int electionTimeout;
    private int randomizedElectionTimeout;
    private final RandomGenerator random;

    Raft(RaftConfig config, RaftStorage storage, RandomGenerator random) {
        this.id = config.id();
        this.random = random;
        this.log = new RaftLog(storage);
        this.maxMsgSize = config.maxSizePerMsg();
        this.maxInflight = config.maxInflightMsgs();
        this.checkQuorum = config.checkQuorum();
        this.preVote = config.preVote();
        this.heartbeatTimeout = config.heartbeatTicks();
        this.electionTimeout = config.electionTicks();

        InitialState initial = storage.initialState();
        restoreMembers(initial.confState());
        HardState hs = initial.hardState();
        if (!hs.isEmpty()) {
            if (hs.commit() > log.lastIndex()) {
                throw new IllegalStateException("stored commit " + hs.commit() + " is beyond the stored log's end "
                        + log.lastIndex());
            }
            // a snapshot may be newer than the hard state stored with it
            log.committed = Math.max(log.committed, hs.commit());
            term = hs.term();
            vote = hs.vote();
        }
        long snapshotIndex = storage.snapshot().index();
        long applied = config.applied();
        if (applied < snapshotIndex) {
            throw new IllegalArgumentException("applied index " + applied + " is below the stored snapshot's index "
                    + snapshotIndex + ": install that snapshot in the application first");
        }
        if (applied > log.committed) {
            throw new IllegalArgumentException("applied index " + applied + " is beyond the stored commit index "
                    + log.committed);
        }
        // Membership changes applied after the snapshot are not in its membership: replay them.
        if (applied > snapshotIndex) {
            for (Entry e : log.slice(snapshotIndex + 1, applied + 1, Long.MAX_VALUE)) {
                if (e.type() == EntryType.CONF_CHANGE) {
                    changeMembership(RaftCodec.decodeConfChange(e.data()));
                }
            }
        }
        log.appliedTo(applied);
        becomeFollower(term, NONE);
    }

    // ---------------------------------------------------------------- state

    SoftState softState() {
        return new SoftState(lead, state);
    }

    HardState hardState() {
        return new HardState(term, vote, log.committed);
    }

    ConfState confState() {
        TreeSet<Long> voters = new TreeSet<>();
        TreeSet<Long> learners = new TreeSet<>();
        progress.forEach((member, pr) -> (pr.learner ? learners : voters).add(member));
        return new ConfState(voters, learners);
    }

    /** Whether this node may campaign: a voter of its own membership, with no snapshot pending. */
    boolean promotable() {
        Progress self = progress.get(id);
        return self != null && !self.learner && !log.hasPendingSnapshot();
    }

    // ---------------------------------------------------------------- sending

    private void send(Message m) {
        m = m.withFrom(id);
        switch (m.type()) {
            case VOTE, VOTE_RESPONSE, PRE_VOTE, PRE_VOTE_RESPONSE -> {
                // the term is the one of the campaign (pre-votes: the next term), set by the caller
                if (m.term() == 0) {
                    throw new IllegalStateException("no term set on " + m.type());
                }
            }
            case PROPOSAL -> {
                // forwarded proposals are not bound to a term
            }
            default -> m = m.withTerm(term);
        }
        msgs.add(m);
    }

    private void sendAppend(long to) {
        maybeSendAppend(to, true);
    }

    /**
     * Sends the entries {@code to} lacks (or an empty append that carries the commit index when
     * {@code sendIfEmpty}), or a snapshot when they are compacted. True if something was sent.
     */
    private boolean maybeSendAppend(long to, boolean sendIfEmpty) {
        Progress pr = progress.get(to);
        if (pr.isPaused()) {
            return false;
        }
        long prevIndex = pr.next - 1;
        long prevTerm;
        List<Entry> ents;
        try {
            prevTerm = log.term(prevIndex);
            // a throttled follower gets only empty appends, so that one of them eventually gets through
            ents = pr.state != Progress.State.REPLICATE || !pr.inflights.full()
                    ? log.slice(pr.next, log.lastIndex() + 1, maxMsgSize) : List.of();
        } catch (LogCompactedException e) {
            return maybeSendSnapshot(to, pr);
        }
        if (ents.isEmpty() && !sendIfEmpty) {
            return false;
        }
        send(Message.of(MessageType.APPEND, to).withLog(prevIndex, prevTerm).withEntries(ents).withCommit(log.committed));
        if (!ents.isEmpty()) {
            switch (pr.state) {
                case REPLICATE -> {
                    long last = ents.get(ents.size() - 1).index();
                    pr.next = last + 1;
                    pr.inflights.add(last);
                }
                case PROBE -> pr.probeSent = true;
                default -> throw new IllegalStateException("sending entries to node " + to + " in state " + pr.state);
            }
        }
        return true;
    }

    private boolean maybeSendSnapshot(long to, Progress pr) {
        if (!pr.recentActive) {
            // it may be down: do not ship a snapshot into the void
            return false;
        }
        Snapshot snapshot = log.snapshot();
        if (snapshot.isEmpty()) {
            throw new IllegalStateException("node " + to + " needs compacted entries but there is no snapshot");
        }
        pr.becomeSnapshot(snapshot.index());
        send(Message.snapshot(to, snapshot));
        return true;
    }

    private void sendHeartbeat(long to) {
        // never tell a follower to commit beyond what it is known to hold
        long commit = Math.min(progress.get(to).match, log.committed);
        send(Message.of(MessageType.HEARTBEAT, to).withCommit(commit));
    }

    private void bcastAppend() {
        for (long member : new ArrayList<>(progress.keySet())) {
            if (member != id) {
                sendAppend(member);
            }
        }
    }

    private void bcastHeartbeat() {
        for (long member : progress.keySet()) {
            if (member != id) {
                sendHeartbeat(member);
            }
        }
    }

    // ---------------------------------------------------------------- quorum

    private List<Long> voterIds() {
        List<Long> ids = new ArrayList<>();
        progress.forEach((member, pr) -> {
            if (!pr.learner) {
                ids.add(member);
            }
        });
        return ids;
    }

    /** The highest index a quorum of voters holds (0 without voters). */
    private long quorumMatchIndex() {
        List<Long> matches = new ArrayList<>();
        progress.forEach((member, pr) -> {
            if (!pr.learner) {
                matches.add(pr.match);
            }
        });
        if (matches.isEmpty()) {
            return 0;
        }
        matches.sort(null);
        // the ceil(n/2)-th from the top is held by a majority
        return matches.get(matches.size() - (matches.size() / 2 + 1));
    }

    private boolean maybeCommit() {
        return log.maybeCommit(quorumMatchIndex(), term);
    }

    private VoteResult poll(long from, boolean granted) {
        votes.putIfAbsent(from, granted);
        int yes = 0;
        int no = 0;
        int voters = 0;
        for (Map.Entry<Long, Progress> e : progress.entrySet()) {
            if (e.getValue().learner) {
                continue;
            }
            voters++;
            Boolean v = votes.get(e.getKey());
            if (v == null) {
                continue;
            }
            if (v) {
                yes++;
            } else {
                no++;
            }
        }
        int quorum = voters / 2 + 1;
        if (yes >= quorum) {
            return VoteResult.WON;
        }
        return voters - no >= quorum ? VoteResult.PENDING : VoteResult.LOST;
    }

    private boolean quorumActive() {
        int active = 0;
        int voters = 0;
        for (Map.Entry<Long, Progress> e : progress.entrySet()) {
            if (!e.getValue().learner) {
                voters++;
                if (e.getKey() == id || e.getValue().recentActive) {
                    active++;
                }
            }
        }
        return active >= voters / 2 + 1;
    }

    // ---------------------------------------------------------------- role changes

    private void reset(long newTerm) {
        if (term != newTerm) {
            term = newTerm;
            vote = NONE;
        }
        lead = NONE;
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedElectionTimeout = electionTimeout + random.nextInt(electionTimeout);
        votes.clear();
        long last = log.lastIndex();
        for (Map.Entry<Long, Progress> e : progress.entrySet()) {
            Progress fresh = new Progress(last + 1, maxInflight, e.getValue().learner);
            if (e.getKey() == id) {
                fresh.match = last;
            }
            e.setValue(fresh);
        }
        pendingConfIndex = 0;
    }

    void becomeFollower(long newTerm, long leader) {
        reset(newTerm);
        lead = leader;
        state = Role.FOLLOWER;
    }

    private void becomeCandidate() {
        if (state == Role.LEADER) {
            throw new IllegalStateException("a leader cannot become a candidate");
        }
        reset(term + 1);
        vote = id;
        state = Role.CANDIDATE;
    }

    private void becomePreCandidate() {
        if (state == Role.LEADER) {
            throw new IllegalStateException("a leader cannot become a pre-candidate");
        }
        // neither the term nor the vote changes: that is the point of a pre-vote
        votes.clear();
        lead = NONE;
        state = Role.PRE_CANDIDATE;
    }

    private void becomeLeader() {
        if (state == Role.FOLLOWER) {
            throw new IllegalStateException("a follower cannot become leader without an election");
        }
        reset(term);
        lead = id;
        state = Role.LEADER;
        Progress self = progress.get(id);
        self.becomeReplicate();
        self.recentActive = true;
        // any membership change still in the log may be unapplied: accept a new one only once
        // everything up to here is applied
        pendingConfIndex = log.lastIndex();
        // an entry of the new term, so that earlier terms' entries commit with it
        appendEntries(List.of(Entry.proposal(new byte[0])));
    }

    // ---------------------------------------------------------------- elections

    /** Starts an election if this node may (etcd's MsgHup). */
    void hup() {
        if (state == Role.LEADER || !promotable() || hasUnappliedConfChanges()) {
            return;
        }
        campaign(preVote);
    }

    private boolean hasUnappliedConfChanges() {
        if (log.applied >= log.committed) {
            return false;
        }
        try {
            for (Entry e : log.slice(log.applied + 1, log.committed + 1, Long.MAX_VALUE)) {
                if (e.type() == EntryType.CONF_CHANGE) {
                    return true;
                }
            }
        } catch (LogCompactedException e) {
            return false;
        }
        return false;
    }

    private void campaign(boolean preElection) {
        long voteTerm;
        MessageType request;
        if (preElection) {
            becomePreCandidate();
            request = MessageType.PRE_VOTE;
            voteTerm = term + 1;
        } else {
            becomeCandidate();
            request = MessageType.VOTE;
            voteTerm = term;
        }
        if (poll(id, true) == VoteResult.WON) {
            // a single voter wins at once
            if (preElection) {
                campaign(false);
            } else {
                becomeLeader();
            }
            return;
        }
        for (long voter : voterIds()) {
            if (voter != id) {
                send(Message.of(request, voter).withTerm(voteTerm).withLog(log.lastIndex(), log.lastTerm()));
            }
        }
    }

    // ---------------------------------------------------------------- time

    void tick() {
        if (state == Role.LEADER) {
            tickHeartbeat();
        } else {
            tickElection();
        }
    }

    private void tickElection() {
        electionElapsed++;
        if (promotable() && electionElapsed >= randomizedElectionTimeout) {
            electionElapsed = 0;
            hup();
        }
    }

    private void tickHeartbeat() {
        heartbeatElapsed++;
        electionElapsed++;
        if (electionElapsed >= electionTimeout) {
            electionElapsed = 0;
            if (checkQuorum) {
                if (!quorumActive()) {
                    becomeFollower(term, NONE);
                    return;
                }
                for (Map.Entry<Long, Progress> e : progress.entrySet()) {
                    if (e.getKey() != id) {
                        e.getValue().recentActive = false;
                    }
                }
            }
        }
        if (heartbeatElapsed >= heartbeatTimeout) {
            heartbeatElapsed = 0;
            bcastHeartbeat();
        }
    }

    // ---------------------------------------------------------------- proposals

    /** Proposes entries here; false when they were dropped (no leader known, or not a member). */
    boolean propose(List<Entry> entries) {
        return switch (state) {
            case LEADER -> proposeAsLeader(entries);
            case FOLLOWER -> {
                if (lead == NONE) {
                    yield false;
                }
                send(Message.of(MessageType.PROPOSAL, lead).withEntries(entries));
                yield true;
            }
            default -> false;
        };
    }

    private boolean proposeAsLeader(List<Entry> proposed) {
        if (!progress.containsKey(id)) {
            // removed while leading: take nothing new
            return false;
        }
        List<Entry> entries = new ArrayList<>(proposed.size());
        for (int i = 0; i < proposed.size(); i++) {
            Entry e = proposed.get(i);
            if (e.type() == EntryType.CONF_CHANGE) {
                if (pendingConfIndex > log.applied) {
                    // one membership change at a time: this one becomes a no-op entry
                    e = Entry.proposal(new byte[0]);
                } else {
                    pendingConfIndex = log.lastIndex() + i + 1;
                }
            }
            entries.add(e);
        }
        appendEntries(entries);
        bcastAppend();
        return true;
    }

    private void appendEntries(List<Entry> proposed) {
        long last = log.lastIndex();
        List<Entry> placed = new ArrayList<>(proposed.size());
        for (int i = 0; i < proposed.size(); i++) {
            placed.add(proposed.get(i).at(last + 1 + i, term));
        }
        long newLast = log.append(placed);
        // the leader's own copy counts toward the quorum (persisted before anything is sent)
        progress.get(id).maybeUpdate(newLast);
        maybeCommit();
    }

    // ---------------------------------------------------------------- messages

    /** Steps a message from another node. */
    void step(Message m) {
        if (m.term() == 0) {
            // a forwarded proposal: not bound to a term
            if (m.type() != MessageType.PROPOSAL) {
                return;
            }
        } else if (m.term() > term) {
            if (m.type() == MessageType.VOTE || m.type() == MessageType.PRE_VOTE) {
                boolean inLease = checkQuorum && lead != NONE && electionElapsed < electionTimeout;
                if (inLease) {
                    // we heard from a live leader less than an election timeout ago: ignore the
                    // candidate without raising our term (check-quorum's leader lease)
                    return;
                }
            }
            switch (m.type()) {
                case PRE_VOTE -> {
                    // a pre-vote never changes our term
                }
                case PRE_VOTE_RESPONSE -> {
                    if (m.reject()) {
                        becomeFollower(m.term(), NONE);
                    }
                    // granted pre-votes carry our future term: no change yet
                }
                case APPEND, HEARTBEAT, SNAPSHOT -> becomeFollower(m.term(), m.from());
                default -> becomeFollower(m.term(), NONE);
            }
        } else if (m.term() < term) {
            if ((checkQuorum || preVote) && (m.type() == MessageType.HEARTBEAT || m.type() == MessageType.APPEND)) {
                // A leader of an older term: tell it our term so it steps down. Without this, a node
                // whose term rose while partitioned (and whose votes nobody grants) would never
                // rejoin, since the leader would not learn of the higher term.
                send(Message.of(MessageType.APPEND_RESPONSE, m.from()));
            } else if (m.type() == MessageType.PRE_VOTE) {
                send(Message.of(MessageType.PRE_VOTE_RESPONSE, m.from()).withTerm(term).rejected());
            }
            return;
        }

        switch (m.type()) {
            case VOTE, PRE_VOTE -> handleVoteRequest(m);
            default -> {
                switch (state) {
                    case LEADER -> stepLeader(m);
                    case CANDIDATE, PRE_CANDIDATE -> stepCandidate(m);
                    case FOLLOWER -> stepFollower(m);
                    default -> throw new IllegalStateException("unknown state " + state);
                }
            }
        }
    }

    private void handleVoteRequest(Message m) {
        boolean canVote = vote == m.from()
                || (vote == NONE && lead == NONE)
                || (m.type() == MessageType.PRE_VOTE && m.term() > term);
        MessageType response = m.type() == MessageType.VOTE ? MessageType.VOTE_RESPONSE : MessageType.PRE_VOTE_RESPONSE;
        if (canVote && log.isUpToDate(m.index(), m.logTerm())) {
            // Answer with the request's term: a pre-candidate ignores answers of other terms.
            // Learners answer too: one may be promoted before it has learnt so.
            send(Message.of(response, m.from()).withTerm(m.term()));
            if (m.type() == MessageType.VOTE) {
                electionElapsed = 0;
                vote = m.from();
            }
        } else {
            send(Message.of(response, m.from()).withTerm(term).rejected());
        }
    }

    private void stepLeader(Message m) {
        if (m.type() == MessageType.PROPOSAL) {
            if (!m.entries().isEmpty()) {
                proposeAsLeader(m.entries());
            }
            return;
        }
        Progress pr = progress.get(m.from());
        if (pr == null) {
            return;
        }
        switch (m.type()) {
            case APPEND_RESPONSE -> handleAppendResponse(m, pr);
            case HEARTBEAT_RESPONSE -> {
                pr.recentActive = true;
                pr.probeSent = false;
                if (pr.state == Progress.State.REPLICATE && pr.inflights.full()) {
                    // the appends that filled the window may all be lost: let one more through
                    pr.inflights.freeFirstOne();
                }
                if (pr.match < log.lastIndex()) {
                    sendAppend(m.from());
                }
            }
            default -> {
                // votes for a term we already lead, stray snapshots and appends: nothing to do
            }
        }
    }

    private void handleAppendResponse(Message m, Progress pr) {
        pr.recentActive = true;
        if (m.reject()) {
            long nextProbe = m.rejectHint();
            if (m.logTerm() > 0) {
                // skip every index whose term here is above the follower's term at the hint:
                // none of them can match
                nextProbe = log.findConflictByTerm(m.rejectHint(), m.logTerm())[0];
            }
            if (pr.maybeDecrTo(m.index(), nextProbe)) {
                if (pr.state == Progress.State.REPLICATE) {
                    pr.becomeProbe();
                }
                sendAppend(m.from());
            }
            return;
        }
        boolean wasPaused = pr.isPaused();
        if (pr.maybeUpdate(m.index()) || (pr.match == m.index() && pr.state == Progress.State.PROBE)) {
            switch (pr.state) {
                case PROBE -> pr.becomeReplicate();
                case SNAPSHOT -> {
                    if (pr.match + 1 >= log.firstIndex()) {
                        // caught up far enough to continue from the log
                        pr.becomeProbe();
                        pr.becomeReplicate();
                    }
                }
                case REPLICATE -> pr.inflights.freeLE(m.index());
                default -> throw new IllegalStateException("unknown progress state " + pr.state);
            }
            if (maybeCommit()) {
                bcastAppend();
            } else if (wasPaused) {
                sendAppend(m.from());
            }
            // stream whatever else the follower lacks, as far as flow control lets us
            while (maybeSendAppend(m.from(), false)) {
                // keep sending
            }
        }
    }

    private void stepCandidate(Message m) {
        MessageType myResponse = state == Role.PRE_CANDIDATE ? MessageType.PRE_VOTE_RESPONSE : MessageType.VOTE_RESPONSE;
        switch (m.type()) {
            case APPEND -> {
                becomeFollower(m.term(), m.from());
                handleAppendEntries(m);
            }
            case HEARTBEAT -> {
                becomeFollower(m.term(), m.from());
                handleHeartbeat(m);
            }
            case SNAPSHOT -> {
                becomeFollower(m.term(), m.from());
                handleSnapshot(m);
            }
            default -> {
                if (m.type() != myResponse) {
                    return;
                }
                switch (poll(m.from(), !m.reject())) {
                    case WON -> {
                        if (state == Role.PRE_CANDIDATE) {
                            campaign(false);
                        } else {
                            becomeLeader();
                            bcastAppend();
                        }
                    }
                    case LOST -> becomeFollower(term, NONE);
                    default -> {
                        // still waiting
                    }
                }
            }
        }
    }

    private void stepFollower(Message m) {
        switch (m.type()) {
            case PROPOSAL -> {
                if (lead != NONE && !m.entries().isEmpty()) {
                    send(Message.of(MessageType.PROPOSAL, lead).withEntries(m.entries()));
                }
            }
            case APPEND -> {
                electionElapsed = 0;
                lead = m.from();
                handleAppendEntries(m);
            }
            case HEARTBEAT -> {
                electionElapsed = 0;
                lead = m.from();
                handleHeartbeat(m);
            }
            case SNAPSHOT -> {
                electionElapsed = 0;
                lead = m.from();
                handleSnapshot(m);
            }
            default -> {
                // responses meant for a leader or candidate we no longer are
            }
        }
    }

    private void handleAppendEntries(Message m) {
        if (m.index() < log.committed) {
            send(Message.of(MessageType.APPEND_RESPONSE, m.from()).withLog(log.committed, 0));
            return;
        }
        if (!wellFormed(m)) {
            return;
        }
        long lastNew = log.maybeAppend(m.index(), m.logTerm(), m.commit(), m.entries());
        if (lastNew >= 0) {
            send(Message.of(MessageType.APPEND_RESPONSE, m.from()).withLog(lastNew, 0));
            return;
        }
        // Our log does not hold (index, logTerm): hint the greatest index at or below it whose term
        // is at most logTerm, so that the leader skips our divergent tail in one step.
        long hintIndex = Math.min(m.index(), log.lastIndex());
        long[] hint = log.findConflictByTerm(hintIndex, m.logTerm());
        send(Message.of(MessageType.APPEND_RESPONSE, m.from()).withLog(m.index(), 0).withReject(hint[0], hint[1]));
    }

    /** Entries of an append follow its (index, logTerm) one by one, with terms that never fall. */
    private static boolean wellFormed(Message m) {
        long expected = m.index() + 1;
        long lastTerm = m.logTerm();
        for (Entry e : m.entries()) {
            if (e.index() != expected++ || e.term() < lastTerm || e.term() > m.term()) {
                return false;
            }
            lastTerm = e.term();
        }
        return true;
    }

    private void handleHeartbeat(Message m) {
        // the leader sends at most what we acknowledged; the bound only guards against a bad peer
        log.commitTo(Math.min(m.commit(), log.lastIndex()));
        send(Message.of(MessageType.HEARTBEAT_RESPONSE, m.from()));
    }

    private void handleSnapshot(Message m) {
        Snapshot s = m.snapshot();
        if (restore(s)) {
            send(Message.of(MessageType.APPEND_RESPONSE, m.from()).withLog(log.lastIndex(), 0));
        } else {
            send(Message.of(MessageType.APPEND_RESPONSE, m.from()).withLog(log.committed, 0));
        }
    }

    /** Replaces the log by a snapshot if it is news; false when it was ignored. */
    private boolean restore(Snapshot s) {
        if (s.index() <= log.committed) {
            return false;
        }
        if (!s.confState().contains(id)) {
            // a snapshot of a membership without us: nothing we could take part in
            return false;
        }
        if (log.matchTerm(s.index(), s.term())) {
            // we hold that entry already: the snapshot only tells us it is committed
            log.commitTo(s.index());
            return false;
        }
        log.restore(s);
        restoreMembers(s.confState());
        return true;
    }

    private void restoreMembers(ConfState cs) {
        progress.clear();
        long last = log.lastIndex();
        for (long voter : cs.voters()) {
            progress.put(voter, new Progress(last + 1, maxInflight, false));
        }
        for (long learner : cs.learners()) {
            progress.put(learner, new Progress(last + 1, maxInflight, true));
        }
        Progress self = progress.get(id);
        isLearner = self != null && self.learner;
    }

    // ---------------------------------------------------------------- membership

    /** Applies a committed membership change; returns the membership after it. */
    ConfState applyConfChange(ConfChange cc) {
        changeMembership(cc);
        if (state == Role.LEADER && (!progress.containsKey(id) || isLearner)) {
            // removed (or demoted) while leading: step down, and let the others elect a leader
            becomeFollower(term, NONE);
            return confState();
        }
        if (state == Role.LEADER && !voterIds().isEmpty()) {
            if (maybeCommit()) {
                // a smaller quorum may commit more
                bcastAppend();
            } else {
                // do not let new members wait for the next heartbeat
                for (long member : new ArrayList<>(progress.keySet())) {
                    if (member != id) {
                        maybeSendAppend(member, false);
                    }
                }
            }
        }
        return confState();
    }

    private void changeMembership(ConfChange cc) {
        long node = cc.nodeId();
        switch (cc.type()) {
            case ADD_NODE -> {
                Progress pr = progress.get(node);
                if (pr == null) {
                    addProgress(node, false);
                } else {
                    // promoting a learner keeps what we know of its log
                    pr.learner = false;
                }
            }
            case ADD_LEARNER_NODE -> {
                if (!progress.containsKey(node)) {
                    addProgress(node, true);
                }
            }
            case REMOVE_NODE -> progress.remove(node);
            default -> throw new IllegalStateException("unknown conf change " + cc.type());
        }
        Progress self = progress.get(id);
        isLearner = self != null && self.learner;
    }

    private void addProgress(long node, boolean learner) {
        Progress pr = new Progress(log.lastIndex() + 1, maxInflight, learner);
        // count it as active, so that check-quorum does not fire before it could answer
        pr.recentActive = true;
        progress.put(node, pr);
    }

    // ---------------------------------------------------------------- local reports

    void reportUnreachable(long node) {
        Progress pr = progress.get(node);
        if (state == Role.LEADER && pr != null && pr.state == Progress.State.REPLICATE) {
            // an append was probably lost: find the follower's end again
            pr.becomeProbe();
        }
    }

    void reportSnapshot(long node, boolean succeeded) {
        Progress pr = progress.get(node);
        if (state != Role.LEADER || pr == null || pr.state != Progress.State.SNAPSHOT) {
            return;
        }
        if (!succeeded) {
            pr.pendingSnapshot = 0;
        }
        pr.becomeProbe();
        // wait for the follower's answer (or the next heartbeat) before sending more
        pr.probeSent = true;
    }
}
