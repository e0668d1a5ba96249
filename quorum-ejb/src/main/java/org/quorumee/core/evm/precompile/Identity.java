package org.quorumee.core.evm.precompile;

/** 0x04: returns the input unchanged. Gas 15 + 3 per word. */
public final class Identity implements PrecompiledContract {
    @Override
    public long gasRequirement(byte[] input) {
        return 15 + 3 * InputWords.wordCount(input.length);
    }

    @Override
    public byte[] compute(byte[] input) {
        return input.clone();
    }
}
