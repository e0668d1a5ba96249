package org.quorumee.core.consensus.ibft.message;

import org.quorumee.core.types.Address;

/**
 * The signed part of a QBFT ROUND-CHANGE: {@code author} wants round {@code round} of
 * {@code height}, and was prepared in {@code preparedRound} on {@code preparedDigest} (both null
 * when it never prepared). Proposals carry a quorum of these as their justification.
 */
public record QbftRoundChangePayload(long height, int round, Integer preparedRound, byte[] preparedDigest,
        byte[] signature, Address author) {

    public QbftRoundChangePayload {
        if ((preparedRound == null) != (preparedDigest == null)) {
            throw new IllegalArgumentException("prepared round and digest come together");
        }
        preparedDigest = preparedDigest == null ? null : preparedDigest.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] preparedDigest() {
        return preparedDigest == null ? null : preparedDigest.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public boolean isPrepared() {
        return preparedRound != null;
    }
}
