package org.quorumee.core.consensus.ibft.extra;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * GoQuorum's block hash rule for Istanbul headers. A header whose mix hash is {@link #DIGEST} is
 * hashed with its extraData filtered: committed seals emptied (IBFT keeps the proposer seal; QBFT
 * also writes round 0), so that the hash the validators sign does not change when the seals are
 * added. IBFT's layout is tried first, then QBFT's; extraData in neither layout is hashed as is.
 *
 * <p>This class depends on nothing above the RLP codec, so {@code core.chain.BlockHeader#hash()}
 * can apply the rule without a dependency cycle.
 */
public final class IstanbulBlockHash {
    /**
     * The mix hash of every Istanbul header: the tail of "Istanbul practical byzantine fault
     * tolerance" ({@code 0x63746963...6e6365}).
     */
    private static final byte[] DIGEST = {
        0x63, 0x74, 0x69, 0x63, 0x61, 0x6c, 0x20, 0x62, 0x79, 0x7a, 0x61, 0x6e, 0x74, 0x69, 0x6e, 0x65,
        0x20, 0x66, 0x61, 0x75, 0x6c, 0x74, 0x20, 0x74, 0x6f, 0x6c, 0x65, 0x72, 0x61, 0x6e, 0x63, 0x65};

    private IstanbulBlockHash() {
    }

    /** A copy of the Istanbul mix hash. */
    public static byte[] digest() {
        return DIGEST.clone();
    }

    public static boolean isIstanbulDigest(byte[] mixHash) {
        return Arrays.equals(DIGEST, mixHash);
    }

    /**
     * The extraData to hash in place of {@code extraData} for a header carrying the Istanbul mix
     * hash, or empty when it is in neither layout (then the header hashes as any other).
     */
    public static Optional<byte[]> filteredExtraData(byte[] extraData) {
        Optional<IstanbulExtraData> ibft = IstanbulExtraData.tryDecode(extraData);
        if (ibft.isPresent()) {
            return Optional.of(ibft.get().withCommittedSeals(List.of()).encode());
        }
        return QbftExtraData.tryDecode(extraData)
                .map(qbft -> qbft.withRound(0).withCommittedSeals(List.of()).encode());
    }
}
