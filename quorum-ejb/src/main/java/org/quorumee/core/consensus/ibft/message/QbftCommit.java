package org.quorumee.core.consensus.ibft.message;

import java.util.Arrays;
import org.quorumee.core.types.Address;

/**
 * QBFT COMMIT (0x14): {@code author} commits {@code digest} in {@code (height, round)}, with its
 * committed seal over the block hash with that round written in.
 */
public record QbftCommit(long height, int round, byte[] digest, byte[] commitSeal, byte[] signature, Address author)
        implements QbftMessage {
    public QbftCommit {
        digest = digest.clone();
        commitSeal = commitSeal.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public byte[] commitSeal() {
        return commitSeal.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public boolean hasDigest(byte[] hash) {
        return Arrays.equals(digest, hash);
    }
}
