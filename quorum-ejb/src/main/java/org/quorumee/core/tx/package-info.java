/**
 * Transactions: {@link org.quorumee.core.tx.Transaction} (decode, validate per fork, hash, signing
 * hash, sender, intrinsic gas, build and sign) for legacy, EIP-155, Quorum private (v = 37/38),
 * EIP-2930, EIP-1559 and blob transactions. Refusals are
 * {@link org.quorumee.core.tx.InvalidTransactionException} with a
 * {@link org.quorumee.core.tx.InvalidTransactionException.Reason}.
 */
package org.quorumee.core.tx;
