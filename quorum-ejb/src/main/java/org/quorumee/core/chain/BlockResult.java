package org.quorumee.core.chain;

import java.util.List;
import org.quorumee.core.transition.TransactionResult;
import org.quorumee.core.tx.Transaction;

/**
 * What executing a block gave: per transaction (in block order) the decoded transaction, its receipt
 * and its result (output, revert reason, created contract, error: what storage and the RPC layer
 * keep), the totals and the roots the header commits to. Quorum's private side, which only this
 * node sees: per transaction the private receipt and result where this node is a party to a private
 * transaction (null elsewhere), and the private state root after the block.
 */
public record BlockResult(List<Transaction> transactions, List<Receipt> receipts, List<TransactionResult> transactionResults, long gasUsed,
        long blobGasUsed, LogsBloom logsBloom, byte[] receiptsRoot, byte[] stateRoot, List<Receipt> privateReceipts,
        List<TransactionResult> privateResults, byte[] privateStateRoot) {

    public BlockResult {
        transactions = List.copyOf(transactions);
        receipts = List.copyOf(receipts);
        transactionResults = List.copyOf(transactionResults);
        receiptsRoot = receiptsRoot.clone();
        stateRoot = stateRoot.clone();
        // nulls mark the transactions without a private side: List.copyOf would refuse them
        privateReceipts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(privateReceipts));
        privateResults = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(privateResults));
        privateStateRoot = privateStateRoot.clone();
    }

    @Override
    public byte[] privateStateRoot() {
        return privateStateRoot.clone();
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
