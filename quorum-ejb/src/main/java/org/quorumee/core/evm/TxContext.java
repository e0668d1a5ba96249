package org.quorumee.core.evm;

import java.math.BigInteger;
import java.util.List;
import org.quorumee.core.types.Address;

/**
 * What the transaction tells the EVM: ORIGIN, GASPRICE (the effective price) and the blob hashes
 * BLOBHASH reads (empty for transactions without blobs).
 */
public record TxContext(Address origin, BigInteger gasPrice, List<byte[]> blobHashes) {
}
