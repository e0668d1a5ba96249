package org.quorumee.core.consensus.ibft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.quorumee.core.crypto.Eip55;
import org.quorumee.core.types.Address;

/**
 * The proposer of a round, as GoQuorum picks it. Validators are put in order (IBFT: by their EIP-55
 * checksummed text, QBFT: by their bytes; the two differ when letter case changes the order); the
 * last block's proposer gives an offset; round robin then takes the validator {@code offset + round
 * + 1} places on, sticky {@code offset + round}. After genesis (no last proposer) both take
 * {@code round}. A last proposer outside the set counts as offset 0.
 */
public final class ProposerSelector {
    private ProposerSelector() {
    }

    /** The validators in the order proposers rotate through them under {@code protocol}. */
    public static List<Address> rotationOrder(List<Address> validators, BftProtocol protocol) {
        List<Address> order = new ArrayList<>(validators);
        if (protocol == BftProtocol.IBFT) {
            order.sort(Comparator.comparing(Eip55::toChecksumString));
        } else {
            order.sort(Comparator.naturalOrder());
        }
        return order;
    }

    /**
     * @param validators the validators at the parent block (any order)
     * @param lastProposer the parent block's proposer; null or the zero address after genesis
     */
    public static Address proposer(List<Address> validators, Address lastProposer, int round, ProposerPolicy policy,
            BftProtocol protocol) {
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("no validators");
        }
        if (round < 0) {
            throw new IllegalArgumentException("negative round " + round);
        }
        List<Address> order = rotationOrder(validators, protocol);
        long seed;
        if (lastProposer == null || lastProposer.equals(Address.ZERO)) {
            seed = round;
        } else {
            long offset = Math.max(0, order.indexOf(lastProposer));
            seed = offset + round + (policy == ProposerPolicy.ROUND_ROBIN ? 1 : 0);
        }
        return order.get((int) (seed % order.size()));
    }
}
