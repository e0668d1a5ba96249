/**
 * GoQuorum's Raft consensus as a pure core: the Raft protocol (etcd's shape) and the block layer
 * GoQuorum puts on it. No container, thread, clock or I/O here: a single-threaded driver
 * ({@code node.consensus.raft}) feeds it and carries out what it asks.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link org.quorumee.core.consensus.raft.RaftNode}: one node. Inputs: {@code tick()},
 *   {@code step(Message)}, {@code campaign()}, {@code propose(byte[])},
 *   {@code proposeConfChange(ConfChange)}, {@code applyConfChange(ConfChange)},
 *   {@code reportUnreachable}, {@code reportSnapshot}. Output: {@link org.quorumee.core.consensus.raft.Ready}.
 *   Settings: {@link org.quorumee.core.consensus.raft.RaftConfig}.</li>
 *   <li>{@link org.quorumee.core.consensus.raft.RaftStorage} (what the node reads) and
 *   {@link org.quorumee.core.consensus.raft.WritableRaftStorage} (what the driver writes);
 *   {@link org.quorumee.core.consensus.raft.MemoryRaftStorage} here, {@code JpaRaftStorage} in the
 *   node.</li>
 *   <li>{@link org.quorumee.core.consensus.raft.RaftCodec}: every value on the wire and in storage
 *   (version byte + RLP, strict decoding).</li>
 *   <li>Blocks: {@link org.quorumee.core.consensus.raft.RaftSeal} (extraData),
 *   {@link org.quorumee.core.consensus.raft.SpeculativeChain} (the minter's unapplied blocks),
 *   {@link org.quorumee.core.consensus.raft.BlockRace} (a block not on the head is a no-op),
 *   {@link org.quorumee.core.consensus.raft.MintThrottle} (block time),
 *   {@link org.quorumee.core.consensus.raft.RaftTimestampUnit} (seconds or GoQuorum's nanoseconds),
 *   {@link org.quorumee.core.consensus.raft.RaftHeaderRule} (seal and timestamp rule on import).</li>
 *   <li>Membership for {@code raft_*}: {@link org.quorumee.core.consensus.raft.RaftMembership},
 *   {@link org.quorumee.core.consensus.raft.RaftPeer},
 *   {@link org.quorumee.core.consensus.raft.RaftClusterEntry},
 *   {@link org.quorumee.core.consensus.raft.RaftSnapshotData}.</li>
 * </ul>
 *
 * <h2>Starting</h2>
 * A founding node bootstraps an empty storage once ({@code RaftNode.bootstrap(storage,
 * founders, new RaftSnapshotData(founders, {}, genesisHash).encode())}, raft ids 1..n in
 * {@code static-nodes.json} order, identical on every founder) and starts with applied index 1. A
 * node joining with {@code raft_addPeer}/{@code raft_addLearner} starts on an empty storage with
 * applied 0 and waits: the leader sends it a snapshot. On restart the node is the member the
 * storage's snapshot records for its node id ({@code RaftMembership.recordedSelf}), whatever the files
 * say now (permission changes reorder {@code permissioned-nodes.json}); read the applied index; if the
 * storage's snapshot is newer, install it in the application first; then
 * {@code RaftNode.start(RaftConfig.defaults(raftId).withApplied(applied), storage, random)}.
 *
 * <h2>The driver's loop (the Ready contract)</h2>
 * One thread calls everything. After each tick (every 100 ms), received message, proposal or
 * membership request:
 * <pre>{@code
 * while (node.hasReady()) {
 *     Ready rd = node.ready();
 *     // 1. persist: snapshot, entries, hard state - one transaction, committed before anything leaves
 *     storage.persist(rd);
 *     // 2. send every message to its node (messages from removed raft ids are dropped on receipt)
 *     rd.messages().forEach(transport::send);
 *     // 3. apply, in order:
 *     //    soft state: leader changed -> membership.setLeader; became leader -> speculative.reset(head),
 *     //      throttle.request(); stopped leading -> speculative.reset(head), throttle.cancel()
 *     //    snapshot: restore the membership from its RaftSnapshotData, fetch blocks up to its head
 *     //      hash; the applied index becomes its index
 *     //    committed entries, each with the applied index in the same transaction as its effect:
 *     //      NORMAL, empty          -> nothing (a new leader's entry)
 *     //      NORMAL, a block        -> BlockRace.judge: EXTENDS -> import, speculative.accept;
 *     //                                NON_EXTENDING -> no-op, speculative.unwindFrom;
 *     //                                ALREADY_IN_CHAIN -> nothing
 *     //      CONF_CHANGE            -> cs = node.applyConfChange(RaftCodec.decodeConfChange(data));
 *     //                                membership.apply(change, cs) and act on its Outcome; then a
 *     //                                snapshot at this index (GoQuorum: a joining node needs one that
 *     //                                names it) before the applied index moves
 *     // 4.
 *     node.advance(rd);
 * }
 * // every 250 applied entries: storage.createSnapshot(applied, node.confState(),
 * //     membership.snapshotData(headHash).encode()); storage.compact(applied)
 * }</pre>
 * A crash anywhere in this loop is safe: what was persisted is replayed, what was applied is not
 * applied twice (the applied index commits with its effect).
 *
 * <h2>Minting (on the leader)</h2>
 * New transactions and new heads call {@code throttle.request()}; when {@code throttle.isDue()}:
 * {@code throttle.minted()}, take pending transactions whose hash is not
 * {@code speculative.isProposed}, stop if there are none (GoQuorum mints no empty blocks), build on
 * {@code speculative.head()} with {@code timestampUnit.blockTimestamp(now, parentTimestamp)}, seal with
 * {@code RaftSeal.seal}, {@code speculative.extend(block)}, {@code node.propose(block.encode())} (if
 * refused: {@code speculative.reset(head)}).
 *
 * <h2>Decisions</h2>
 * Pre-vote and check-quorum are on (GoQuorum leaves both off): pre-vote keeps a node that cannot
 * win (partitioned, restarted behind, removed without knowing it) from raising the cluster's term
 * and deposing a healthy minter, each such disruption costing an election timeout without blocks
 * and a round of no-op blocks; check-quorum makes a minter cut off from the majority stop within
 * two election timeouts instead of minting blocks that can never commit, and gives followers the
 * leader lease that makes pre-vote safe to combine. Timing is GoQuorum's: 10 election ticks (a
 * random timeout in [10, 20)), a heartbeat every tick; messages carry up to 1 MiB of entries, 256
 * in flight per follower.
 */
package org.quorumee.core.consensus.raft;
