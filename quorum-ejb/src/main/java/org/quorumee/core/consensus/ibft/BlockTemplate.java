package org.quorumee.core.consensus.ibft;

import java.math.BigInteger;
import org.quorumee.core.types.Address;

/**
 * The header fields the consensus engine owns in a block it asks the {@link BlockCreator} to build:
 * the creator fills in the rest (parent hash, gas limit, roots, base fee...) and executes the body.
 */
public record BlockTemplate(long number, long timestamp, Address coinbase, long nonce, byte[] extraData, byte[] mixHash,
        BigInteger difficulty) {

    public BlockTemplate {
        extraData = extraData.clone();
        mixHash = mixHash.clone();
    }

    @Override
    public byte[] extraData() {
        return extraData.clone();
    }

    @Override
    public byte[] mixHash() {
        return mixHash.clone();
    }
}
