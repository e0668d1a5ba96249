package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.consensus.ibft.extra.ValidatorVote;
import org.quorumee.core.types.Address;

/**
 * The validators and pending votes after a block, GoQuorum's (clique-like, EIP-225) voting: each
 * block casts its author's vote on one account; a vote that gathers more than half of the
 * validators adds or drops the account; votes reset on every epoch block. Immutable:
 * {@link #apply} returns a new snapshot.
 */
public final class VoteSnapshot {

    /** A vote in force: {@code validator} voted at {@code block} to add or drop {@code address}. */
    public record Vote(Address validator, long block, Address address, boolean authorize) {
    }

    /** The votes so far on one account. */
    public record Tally(boolean authorize, int votes) {
    }

    private final long epoch;
    private final long number;
    private final byte[] hash;
    private final List<Vote> votes;
    private final Map<Address, Tally> tally;
    private final List<Address> validators;
    private final ProposerPolicy policy;

    private VoteSnapshot(long epoch, long number, byte[] hash, List<Vote> votes, Map<Address, Tally> tally,
            List<Address> validators, ProposerPolicy policy) {
        this.epoch = epoch;
        this.number = number;
        this.hash = hash.clone();
        this.votes = List.copyOf(votes);
        this.tally = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tally));
        this.validators = validators.stream().sorted().distinct().toList();
        this.policy = policy;
    }

    /** The snapshot of a chain's first block: its validators, no votes. */
    public static VoteSnapshot genesis(long epoch, long number, byte[] hash, List<Address> validators, ProposerPolicy policy) {
        return new VoteSnapshot(epoch, number, hash, List.of(), Map.of(), validators, policy);
    }

    /**
     * The snapshot after the next block.
     *
     * @param epochLength the epoch at that block (votes reset when its number is a multiple)
     * @param author the block's proposer
     * @param vote the vote it casts (see {@link IstanbulHeaders#vote})
     * @throws IllegalArgumentException when the block does not follow this snapshot or its author is
     *     not a validator
     */
    public VoteSnapshot apply(long blockNumber, byte[] blockHash, long epochLength, Address author, ValidatorVote vote) {
        if (blockNumber != number + 1) {
            throw new IllegalArgumentException("block " + blockNumber + " does not follow snapshot " + number);
        }
        if (!validators.contains(author)) {
            throw new IllegalArgumentException("block " + blockNumber + " author " + author + " is not a validator");
        }
        List<Vote> newVotes = new ArrayList<>(votes);
        Map<Address, Tally> newTally = new LinkedHashMap<>(tally);
        if (blockNumber % epochLength == 0) {
            newVotes.clear();
            newTally.clear();
        }
        List<Address> newValidators = new ArrayList<>(validators);
        Address candidate = vote.recipient();
        // One vote per validator and account: a new one replaces the old.
        for (Iterator<Vote> it = newVotes.iterator(); it.hasNext();) {
            Vote old = it.next();
            if (old.validator().equals(author) && old.address().equals(candidate)) {
                uncast(newTally, old.address(), old.authorize());
                it.remove();
                break;
            }
        }
        if (meaningful(newValidators, candidate, vote.authorize())) {
            Tally t = newTally.get(candidate);
            newTally.put(candidate, t == null ? new Tally(vote.authorize(), 1) : new Tally(t.authorize(), t.votes() + 1));
            newVotes.add(new Vote(author, blockNumber, candidate, vote.authorize()));
        }
        Tally t = newTally.get(candidate);
        if (t != null && t.votes() > newValidators.size() / 2) {
            if (t.authorize()) {
                if (!newValidators.contains(candidate)) {
                    newValidators.add(candidate);
                }
            } else {
                newValidators.remove(candidate);
                for (Iterator<Vote> it = newVotes.iterator(); it.hasNext();) {
                    Vote v = it.next();
                    if (v.validator().equals(candidate)) {
                        uncast(newTally, v.address(), v.authorize());
                        it.remove();
                    }
                }
            }
            newVotes.removeIf(v -> v.address().equals(candidate));
            newTally.remove(candidate);
        }
        return new VoteSnapshot(epochLength, blockNumber, blockHash, newVotes, newTally, newValidators, policy);
    }

    /** This snapshot with its validators replaced (a transition's {@code validators}). */
    public VoteSnapshot withValidators(List<Address> replacement) {
        return new VoteSnapshot(epoch, number, hash, votes, tally, replacement, policy);
    }

    private static boolean meaningful(List<Address> validators, Address candidate, boolean authorize) {
        return validators.contains(candidate) != authorize;
    }

    private static void uncast(Map<Address, Tally> tally, Address address, boolean authorize) {
        Tally t = tally.get(address);
        if (t == null || t.authorize() != authorize) {
            return;
        }
        if (t.votes() > 1) {
            tally.put(address, new Tally(t.authorize(), t.votes() - 1));
        } else {
            tally.remove(address);
        }
    }

    /** Whether a vote for {@code candidate} would change anything (GoQuorum's {@code checkVote}). */
    public boolean isMeaningful(Address candidate, boolean authorize) {
        return meaningful(validators, candidate, authorize);
    }

    public long epoch() {
        return epoch;
    }

    public long number() {
        return number;
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** Votes in force, in the order they were cast. */
    public List<Vote> votes() {
        return votes;
    }

    public Map<Address, Tally> tally() {
        return tally;
    }

    /** The validators, sorted by address. */
    public List<Address> validators() {
        return validators;
    }

    public ProposerPolicy policy() {
        return policy;
    }

    /**
     * The snapshot as {@code istanbul_getSnapshot} answers it, in plain JSON-ready values (Long,
     * Integer, Boolean, String, List, Map): keys {@code epoch, number, hash, votes[{validator, block,
     * address, authorize}], tally{address: {authorize, votes}}, validators, policy}; addresses and
     * hashes in lower-case hex with "0x".
     */
    public Map<String, Object> toJsonData() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epoch", epoch);
        out.put("number", number);
        out.put("hash", Hex.encode(hash));
        List<Map<String, Object>> voteList = new ArrayList<>();
        for (Vote v : votes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("validator", v.validator().toString());
            m.put("block", v.block());
            m.put("address", v.address().toString());
            m.put("authorize", v.authorize());
            voteList.add(m);
        }
        out.put("votes", voteList);
        Map<String, Object> tallyData = new TreeMap<>();
        tally.forEach((address, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("authorize", t.authorize());
            m.put("votes", t.votes());
            tallyData.put(address.toString(), m);
        });
        out.put("tally", tallyData);
        out.put("validators", validators.stream().map(Address::toString).toList());
        out.put("policy", policy.id());
        return out;
    }

    @Override
    public String toString() {
        return "VoteSnapshot[number=" + number + ", validators=" + validators + ", votes=" + votes.size() + "]";
    }
}
