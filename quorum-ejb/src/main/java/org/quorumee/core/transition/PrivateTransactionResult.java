package org.quorumee.core.transition;

/**
 * The outcome of a Quorum private transaction: what every node records (the public result: success,
 * no gas counted in the block, no logs), and at a party what its private execution gave.
 *
 * @param publicResult the same on every node, whatever the private execution did (GoQuorum #434: a
 *     private transaction that reverts must not make parties and non-parties disagree)
 * @param privateResult the private execution's outcome at a party; null at a non-party
 */
public record PrivateTransactionResult(TransactionResult publicResult, TransactionResult privateResult) {

    public boolean isParty() {
        return privateResult != null;
    }
}
