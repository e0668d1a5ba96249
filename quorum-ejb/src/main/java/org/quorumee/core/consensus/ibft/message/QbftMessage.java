package org.quorumee.core.consensus.ibft.message;

/** A decoded QBFT message. */
public sealed interface QbftMessage extends BftMessage permits QbftProposal, QbftPrepare, QbftCommit, QbftRoundChange {
}
