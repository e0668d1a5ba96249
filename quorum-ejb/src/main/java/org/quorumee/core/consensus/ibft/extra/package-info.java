/**
 * Istanbul extraData, byte-exact with GoQuorum: {@link org.quorumee.core.consensus.ibft.extra.IstanbulExtraData}
 * (legacy IBFT: vanity, validators, proposer seal, committed seals),
 * {@link org.quorumee.core.consensus.ibft.extra.QbftExtraData} (vanity, validators, vote, round,
 * committed seals) and the block hash rule
 * ({@link org.quorumee.core.consensus.ibft.extra.IstanbulBlockHash}). Depends only on RLP and the
 * value types, so that the chain's header can use it.
 */
package org.quorumee.core.consensus.ibft.extra;
