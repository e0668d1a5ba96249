package org.quorumee.core.evm.precompile;

import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/** 0x03: RIPEMD-160 of the input, left-padded to 32 bytes. Gas 600 + 120 per word. */
public final class Ripemd160 implements PrecompiledContract {
    @Override
    public long gasRequirement(byte[] input) {
        return 600 + 120 * InputWords.wordCount(input.length);
    }

    @Override
    public byte[] compute(byte[] input) {
        RIPEMD160Digest digest = new RIPEMD160Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 12);
        return out;
    }
}
