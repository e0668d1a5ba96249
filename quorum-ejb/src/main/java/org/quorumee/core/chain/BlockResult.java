package org.quorumee.core.chain;

import java.util.List;
import org.quorumee.core.transition.TransactionResult;

/**
 * What executing a block gave: per transaction its receipt and result (output, created contract,
 * error: what the RPC layer reports), the totals and the roots the header commits to.
 */
public record BlockResult(List<Receipt> receipts, List<TransactionResult> transactionResults, long gasUsed,
        long blobGasUsed, LogsBloom logsBloom, byte[] receiptsRoot, byte[] stateRoot) {

    public BlockResult {
        receipts = List.copyOf(receipts);
        transactionResults = List.copyOf(transactionResults);
        receiptsRoot = receiptsRoot.clone();
        stateRoot = stateRoot.clone();
    }

    @Override
    public byte[] receiptsRoot() {
        return receiptsRoot.clone();
    }

    @Override
    public byte[] stateRoot() {
        return stateRoot.clone();
    }
}
