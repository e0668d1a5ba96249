/**
 * IBFT and QBFT, GoQuorum's Istanbul consensus, as a pure core: no threads, clock reads, I/O or
 * container types; one thread feeds events in and carries the returned actions out.
 *
 * <h2>What a driver does</h2>
 * <ol>
 *   <li>Build a {@link org.quorumee.core.consensus.ibft.ForkSchedule} from genesis
 *   ({@link org.quorumee.core.consensus.ibft.IbftConfig} or
 *   {@link org.quorumee.core.consensus.ibft.QbftConfig} plus
 *   {@link org.quorumee.core.consensus.ibft.BftTransition}s), a
 *   {@link org.quorumee.core.consensus.ibft.VoteSnapshots} over the chain reader, and a
 *   {@link org.quorumee.core.consensus.ibft.BftController} from
 *   {@link org.quorumee.core.consensus.ibft.BftSettings}: the node key
 *   ({@link org.quorumee.core.consensus.ibft.NodeSigner}), the ports
 *   {@link org.quorumee.core.consensus.ibft.ChainView} (head, snapshot after a header),
 *   {@link org.quorumee.core.consensus.ibft.BlockCreator} (build and execute a block on a parent
 *   with the engine's {@link org.quorumee.core.consensus.ibft.BlockTemplate}, within a
 *   {@link org.quorumee.core.consensus.ibft.ProposalByteBudget} and a build time),
 *   {@link org.quorumee.core.consensus.ibft.BlockValidator} (execute a proposal),
 *   {@link org.quorumee.core.consensus.ibft.BftClock}, the shared
 *   {@link org.quorumee.core.consensus.ibft.ValidatorCandidates} and
 *   {@link org.quorumee.core.consensus.ibft.BftLimits}.</li>
 *   <li>On one thread (a {@code @Singleton} draining a queue that JMS listeners, timers and the
 *   new-head observer only add to) call {@code start()}, then for each event
 *   {@code onMessage(bytes)}, {@code onBlockTimer(height)}, {@code onRoundTimer(height, round)} or
 *   {@code onNewHead()}.</li>
 *   <li>Carry out each returned {@link org.quorumee.core.consensus.ibft.BftAction} in order:
 *   {@code Multicast} — send the bytes to every other validator (dedupe by hash on receipt is
 *   welcome; the core drops duplicates too); {@code ArmBlockTimer} / {@code ArmRoundTimer} —
 *   schedule the call back, each replacing the previous timer of its kind; {@code ImportBlock} —
 *   import the final block through the block importer, announce it to peers, then call
 *   {@code onNewHead()}.</li>
 *   <li>Blocks from peers (sync) are checked with
 *   {@link org.quorumee.core.consensus.ibft.BftBlockRules#checkFinal} against the parent and
 *   {@code VoteSnapshots.after(parent)}, then executed and imported as any block; after each import
 *   call {@code onNewHead()}.</li>
 * </ol>
 * The core never blocks and never calls back into the driver except through the ports, which it
 * calls synchronously (block creation and validation execute transactions: they take the time they
 * take, on the driver's thread).
 *
 * <h2>Formats (byte-exact with GoQuorum)</h2>
 * {@link org.quorumee.core.consensus.ibft.extra} holds the extraData codecs and the block hash rule
 * that {@code core.chain.BlockHeader#hash()} applies; {@link org.quorumee.core.consensus.ibft.IstanbulHeaders}
 * the seal hashes, authors, committers, votes and genesis extraData;
 * {@link org.quorumee.core.consensus.ibft.message} the IBFT and QBFT messages in GoQuorum's RLP
 * layout, wrapped in a versioned {@link org.quorumee.core.consensus.ibft.message.WireMessage}.
 *
 * <h2>For the RPC layer</h2>
 * {@code istanbul_getSnapshot}: {@link org.quorumee.core.consensus.ibft.VoteSnapshot#toJsonData()};
 * {@code istanbul_getValidators}: {@code VoteSnapshot.validators()};
 * {@code istanbul_propose/discard/candidates}: {@link org.quorumee.core.consensus.ibft.ValidatorCandidates};
 * {@code istanbul_getSignersFromBlock}: {@link org.quorumee.core.consensus.ibft.IstanbulHeaders#author}
 * and {@link org.quorumee.core.consensus.ibft.IstanbulHeaders#committers};
 * {@code istanbul_status}: {@code author} over a range; the node's state:
 * {@link org.quorumee.core.consensus.ibft.BftController#status()}.
 */
package org.quorumee.core.consensus.ibft;
