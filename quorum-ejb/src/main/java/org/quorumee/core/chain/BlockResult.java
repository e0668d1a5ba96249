package org.quorumee.core.chain;

import java.util.List;
import org.quorumee.core.transition.TransactionResult;
import org.quorumee.core.tx.Transaction;

/**
 * What executing a block gave: per transaction (in block order) the decoded transaction, its receipt
 * and its result (output, revert reason, created contract, error: what storage and the RPC layer
 * keep), the totals and the roots the header commits to.
 */
public record BlockResult(List<Transaction> transactions, List<Receipt> receipts, List<TransactionResult> transactionResults, long gasUsed,
        long blobGasUsed, LogsBloom logsBloom, byte[] receiptsRoot, byte[] stateRoot) {

    public BlockResult {
        transactions = List.copyOf(transactions);
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
