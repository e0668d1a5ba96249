package org.quorumee.core.consensus.ibft.message;

import java.util.Arrays;
import org.quorumee.core.chain.Block;
import org.quorumee.core.types.Address;

/**
 * A legacy IBFT message, decoded: PRE-PREPARE carries a block, PREPARE, COMMIT and ROUND-CHANGE a
 * digest (zero for ROUND-CHANGE); COMMIT also carries the author's committed seal.
 *
 * @param block the proposal of a PRE-PREPARE, else null
 * @param digest the subject's digest, else null (PRE-PREPARE)
 * @param committedSeal the seal of a COMMIT, else empty
 */
public record IbftMessage(int code, long height, int round, Block block, byte[] digest, byte[] committedSeal,
        Address author, byte[] signature) implements BftMessage {
    public static final int PREPREPARE = 0;
    public static final int PREPARE = 1;
    public static final int COMMIT = 2;
    public static final int ROUND_CHANGE = 3;

    public IbftMessage {
        digest = digest == null ? null : digest.clone();
        committedSeal = committedSeal.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] digest() {
        return digest == null ? null : digest.clone();
    }

    @Override
    public byte[] committedSeal() {
        return committedSeal.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The digest this message is about: the block hash of a PRE-PREPARE, else its digest. */
    public byte[] subjectDigest() {
        return block != null ? block.hash() : digest();
    }

    public boolean isAbout(byte[] hash) {
        return Arrays.equals(subjectDigest(), hash);
    }

    @Override
    public String toString() {
        return "IbftMessage[code=" + code + ", height=" + height + ", round=" + round + ", author=" + author + "]";
    }
}
