package org.quorumee.core.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.MerklePatriciaTrie;
import org.quorumee.core.types.Address;
import org.quorumee.node.config.JsonTree;

/** A small chain for unit tests: one funded key in the genesis, blocks stored in a map. */
final class ChainFixture {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    static final KeyPair KEY = KeyPair.fromPrivateKey(Hex.decode("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"));

    final ChainConfig config;
    final InMemoryNodeStore store = new InMemoryNodeStore();
    final BlockProcessor processor;
    final BlockBuilder builder;
    final BlockHeader genesis;
    final Map<String, BlockHeader> headers = new HashMap<>();

    private ChainFixture(ChainConfig config, BigInteger genesisBaseFee) {
        this.config = config;
        this.processor = BlockProcessor.forChain(config, ConsensusRules.NONE, new CodeCache(64));
        this.builder = new BlockBuilder(processor);
        WorldState state = new WorldState(store, WorldState.EMPTY_TRIE_ROOT);
        state.putAccount(KEY.address(), 0, ETHER.multiply(BigInteger.valueOf(100)), new byte[0], Map.of());
        byte[] root = state.commit();
        BlockHeader.Builder header = BlockHeader.builder().stateRoot(root).gasLimit(30_000_000).timestamp(1000)
                .baseFee(genesisBaseFee);
        if (config.isShanghai(0, 1000)) {
            header.withdrawalsRoot(MerklePatriciaTrie.EMPTY_ROOT);
        }
        if (config.isCancun(0, 1000)) {
            header.blobGasUsed(0L).excessBlobGas(0L).parentBeaconBlockRoot(new byte[32]);
        }
        this.genesis = header.build();
        headers.put(Hex.encode(genesis.hash()), genesis);
    }

    /** Ethereum mainnet rules at Cancun (chain id 1), 1 gwei base fee at genesis. */
    static ChainFixture cancun() {
        return new ChainFixture(config(new ObjectMapper().createObjectNode()
                .put("chainId", 1).put("londonBlock", 0).put("shanghaiTime", 0).put("cancunTime", 0)), GWEI);
    }

    /** A GoQuorum chain (isQuorum, London, no gas price): base fee 0. */
    static ChainFixture quorum() {
        return new ChainFixture(config(new ObjectMapper().createObjectNode()
                .put("chainId", 1337).put("isQuorum", true).put("londonBlock", 0)), BigInteger.ZERO);
    }

    static ChainConfig config(ObjectNode json) {
        return ChainConfig.fromJson(JsonTree.of(json));
    }

    Address sender() {
        return KEY.address();
    }

    WorldState stateAt(BlockHeader header) {
        return new WorldState(store, header.stateRoot());
    }

    AncestorHashes ancestors(BlockHeader parent) {
        return new AncestorHashes(parent, hash -> Optional.ofNullable(headers.get(Hex.encode(hash))));
    }

    void store(BlockHeader header) {
        headers.put(Hex.encode(header.hash()), header);
    }
}
