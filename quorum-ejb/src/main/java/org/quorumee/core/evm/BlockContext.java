package org.quorumee.core.evm;

import java.math.BigInteger;
import java.util.function.LongFunction;
import org.quorumee.core.types.Address;

/**
 * What the block tells the EVM: the header fields opcodes read and how to find the hash of an
 * ancestor ({@code blockHashes} is asked only for the 256 blocks before {@code number}).
 *
 * @param prevRandao the DIFFICULTY opcode's answer before the merge, PREVRANDAO's after it (32 bytes)
 * @param blobBaseFee the BLOBBASEFEE opcode's answer and the price of blob gas
 */
public record BlockContext(
        Address coinbase,
        long number,
        long timestamp,
        long gasLimit,
        BigInteger baseFee,
        byte[] prevRandao,
        BigInteger chainId,
        BigInteger blobBaseFee,
        LongFunction<byte[]> blockHashes) {
}
