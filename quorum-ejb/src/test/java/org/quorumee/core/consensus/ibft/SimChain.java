package org.quorumee.core.consensus.ibft;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.consensus.ibft.extra.IstanbulBlockHash;
import org.quorumee.core.rlp.RlpWriter;
import org.quorumee.core.types.Address;

/**
 * A node's chain in memory: the blocks by number, headers by hash, vote snapshots over them. Also
 * the block creator and validator the consensus core is given: blocks carry one stand-in
 * transaction (an RLP list naming the creator, the height and the creation time), so that blocks
 * from different proposers or moments differ, and the validator checks the transactions root.
 */
final class SimChain implements ChainView {
    static final long GENESIS_TIME = 1_700_000_000L;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, BlockHeader> byHash = new HashMap<>();
    private final VoteSnapshots snapshots;

    SimChain(BftProtocol genesisProtocol, List<Address> validators, ForkSchedule schedule, SignatureRecovery recovery) {
        BlockHeader genesis = BlockHeader.builder().number(0).timestamp(GENESIS_TIME).gasLimit(30_000_000)
                .difficulty(BigInteger.ONE).mixHash(IstanbulBlockHash.digest())
                .extraData(IstanbulHeaders.genesisExtraData(genesisProtocol, validators)).build();
        append(new Block(genesis, List.of(), List.of(), null));
        snapshots = new VoteSnapshots(schedule, hash -> Optional.ofNullable(byHash.get(Hex.encode(hash))), recovery, 64);
    }

    void append(Block block) {
        blocks.add(block);
        byHash.put(Hex.encode(block.hash()), block.header());
    }

    int size() {
        return blocks.size();
    }

    Block block(long number) {
        return blocks.get((int) number);
    }

    @Override
    public BlockHeader head() {
        return blocks.get(blocks.size() - 1).header();
    }

    @Override
    public VoteSnapshot snapshotAfter(BlockHeader header) {
        return snapshots.after(header);
    }

    static byte[] standInTransaction(Address creator, long height, long time) {
        return new RlpWriter().startList().writeBytes(creator.toArray()).writeLong(height).writeLong(time).endList().toByteArray();
    }

    /**
     * A creator that includes {@code transactions} stand-ins (0 makes empty blocks). They depend on
     * the creator, height and block timestamp only, so the same history gives the same blocks (and
     * signatures) from one seed to the next.
     */
    static BlockCreator creator(Address self, BftClock clock, int transactions) {
        return (parent, template, bytes, buildMillis) -> {
            List<byte[]> txs = new ArrayList<>();
            for (int i = 0; i < transactions; i++) {
                txs.add(standInTransaction(self, template.number(), template.timestamp() * 1000 + i));
            }
            return build(parent, template, txs);
        };
    }

    static Block build(BlockHeader parent, BlockTemplate template, List<byte[]> txs) {
        Block body = new Block(BlockHeader.builder().build(), txs, List.of(), null);
        BlockHeader header = BlockHeader.builder().parentHash(parent.hash()).number(template.number())
                .timestamp(template.timestamp()).coinbase(template.coinbase()).nonce(template.nonce())
                .extraData(template.extraData()).mixHash(template.mixHash()).difficulty(template.difficulty())
                .gasLimit(parent.gasLimit()).transactionsRoot(body.computeTransactionsRoot()).build();
        return new Block(header, txs, List.of(), null);
    }

    static final BlockValidator VALIDATOR = (block, parent) ->
            Arrays.equals(block.computeTransactionsRoot(), block.header().transactionsRoot())
                    ? Optional.empty() : Optional.of("transactions root mismatch");
}
