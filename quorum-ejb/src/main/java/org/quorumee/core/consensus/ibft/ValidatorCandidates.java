package org.quorumee.core.consensus.ibft;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.quorumee.core.consensus.ibft.extra.ValidatorVote;
import org.quorumee.core.types.Address;

/**
 * This node's wishes for the validator set ({@code istanbul_propose}, {@code istanbul_discard},
 * {@code istanbul_candidates}); a block this node proposes carries one of them as its vote. Safe for
 * concurrent use (RPC threads write, the driver thread reads).
 */
public final class ValidatorCandidates {
    private final Map<Address, Boolean> candidates = new TreeMap<>();

    /** Vote to add ({@code authorize}) or drop {@code address} in the blocks this node proposes. */
    public synchronized void propose(Address address, boolean authorize) {
        candidates.put(address, authorize);
    }

    /** Stop voting on {@code address}. */
    public synchronized void discard(Address address) {
        candidates.remove(address);
    }

    /** The candidates and whether each is to be added, by address. */
    public synchronized Map<Address, Boolean> candidates() {
        return Map.copyOf(candidates);
    }

    /**
     * The vote for a block at {@code height} on top of {@code snapshot}: among the candidates whose
     * vote would change something, one chosen by the height (GoQuorum picks at random; a
     * deterministic pick keeps the core free of randomness and still cycles through them).
     */
    public synchronized Optional<ValidatorVote> voteFor(VoteSnapshot snapshot, long height) {
        List<ValidatorVote> meaningful = candidates.entrySet().stream()
                .filter(e -> snapshot.isMeaningful(e.getKey(), e.getValue()))
                .map(e -> new ValidatorVote(e.getKey(), e.getValue()))
                .toList();
        if (meaningful.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(meaningful.get((int) Math.floorMod(height, (long) meaningful.size())));
    }
}
