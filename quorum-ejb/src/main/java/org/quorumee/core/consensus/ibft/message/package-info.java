/**
 * Consensus messages in GoQuorum's RLP layouts: legacy IBFT's envelope
 * ({@link org.quorumee.core.consensus.ibft.message.IbftCodec}) and QBFT's four messages
 * ({@link org.quorumee.core.consensus.ibft.message.QbftCodec}), carried in a versioned
 * {@link org.quorumee.core.consensus.ibft.message.WireMessage}. Decoding authenticates every
 * signature it meets.
 */
package org.quorumee.core.consensus.ibft.message;
