package org.quorumee.core.consensus.ibft.message;

import java.util.Arrays;
import org.quorumee.core.types.Address;

/** QBFT PREPARE (0x13): {@code author} accepted the proposal {@code digest} of {@code (height, round)}. */
public record QbftPrepare(long height, int round, byte[] digest, byte[] signature, Address author) implements QbftMessage {
    public QbftPrepare {
        digest = digest.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public boolean hasDigest(byte[] hash) {
        return Arrays.equals(digest, hash);
    }
}
