package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.SecureTrie;
import org.quorumee.core.types.Address;
import org.quorumee.node.config.GenesisFile;

class GenesisConfigTest {
    /** Shaped like the classic 7nodes IBFT genesis (decimal balances, "mixhash" in lower case, KiB limits). */
    private static final String SEVEN_NODES_ISTANBUL = """
            {
              "alloc": {
                "0xed9d02e382b34818e88b88a309c7fe71e65f419d": { "balance": "1000000000000000000000000000" },
                "0xca843569e3427144cead5e4d5999a3d0ccf92b8e": { "balance": "1000000000000000000000000000" },
                "0x0fbdc686b912d7722dc86510934589e0aaf3b55a": { "balance": "1000000000000000000000000000" },
                "0x9186eb3d20cbd1f5f992a950d808c4495153abd5": { "balance": "1000000000000000000000000000" },
                "0x0638e1574728b6d862dd5d3a3e0942c3be47d996": { "balance": "1000000000000000000000000000" }
              },
              "coinbase": "0x0000000000000000000000000000000000000000",
              "config": {
                "homesteadBlock": 0,
                "byzantiumBlock": 0,
                "constantinopleBlock": 0,
                "petersburgBlock": 0,
                "istanbulBlock": 0,
                "chainId": 10,
                "eip150Block": 0,
                "eip155Block": 0,
                "eip150Hash": "0x0000000000000000000000000000000000000000000000000000000000000000",
                "eip158Block": 0,
                "maxCodeSizeConfig": [ { "block": 0, "size": 35 }, { "block": 100, "size": 64 } ],
                "isQuorum": true,
                "privacyEnhancementsBlock": 5,
                "istanbul": { "epoch": 30000, "policy": 0, "ceil2Nby3Block": 0 }
              },
              "difficulty": "0x1",
              "extraData": "0x0000000000000000000000000000000000000000000000000000000000000000f85ad594d8dba507e85f116b1f7e231ca8525fc9008a6966b8410000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000c0",
              "gasLimit": "0xE0000000",
              "mixhash": "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
              "nonce": "0x0",
              "parentHash": "0x0000000000000000000000000000000000000000000000000000000000000000",
              "timestamp": "0x00"
            }
            """;

    @Test
    void readsASevenNodesGenesis() {
        GenesisConfig genesis = GenesisFile.parse(SEVEN_NODES_ISTANBUL);
        ChainConfig config = genesis.config();
        assertEquals(10, config.chainId());
        assertTrue(config.isQuorum());
        assertEquals(0, config.forkBlock("istanbulBlock").orElseThrow());
        assertFalse(config.forkBlock("londonBlock").isPresent());
        assertEquals(5, config.forkBlock("privacyEnhancementsBlock").orElseThrow());
        assertEquals(Fork.LONDON, config.forkAt(0, 0), "pre-London chains run London rules for now");
        assertEquals(35 * 1024, config.maxCodeSize(0));
        assertEquals(35 * 1024, config.maxCodeSize(99));
        assertEquals(64 * 1024, config.maxCodeSize(100));
        assertEquals(64 * 1024, config.transactionSizeLimit());
        assertEquals(30000, ((Number) config.istanbul().orElseThrow().get("epoch")).intValue());
        assertFalse(config.qbft().isPresent());

        assertEquals(5, genesis.alloc().size());
        BigInteger billion = new BigInteger("1000000000000000000000000000");
        assertEquals(billion, genesis.alloc().get(Address.fromHex("0xed9d02e382b34818e88b88a309c7fe71e65f419d")).balance());
        assertEquals(0xE0000000L, genesis.gasLimit());
        assertEquals("0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365", Hex.encode(genesis.mixHash()));

        InMemoryNodeStore store = new InMemoryNodeStore();
        Block block = genesis.toBlock(store);
        BlockHeader header = block.header();
        assertEquals(0, header.number());
        assertEquals(BigInteger.ONE, header.difficulty());
        assertFalse(header.baseFee().isPresent(), "no base fee before London");
        assertFalse(block.withdrawalList().isPresent());
        assertEquals(Block.decode(block.encode()), block);

        // The state root and the block hash, computed from the same five accounts and header fields by
        // another implementation (ethereumjs: @ethereumjs/trie 6.2.1 with key hashing, @ethereumjs/rlp
        // 10.1.3, ethereum-cryptography 3.2.0's keccak256), once, written here as constants.
        assertEquals("0x8e0eda84327cb810632f7d6ab845ab2dc0c1960156beb095384eb4bd0900eeb0", Hex.encode(header.stateRoot()));
        assertEquals("0x26eeb1507524c21414f81b856a028f12b758e17a75fd3cfc5c0d83d3cfec208a", Hex.encode(block.hash()));
        // and the state is in the store
        SecureTrie stored = new SecureTrie(store, header.stateRoot());
        byte[] account = stored.get(Hex.decode("0x0638e1574728b6d862dd5d3a3e0942c3be47d996")).orElseThrow();
        assertEquals(billion, StateAccount.decode(account).balance());
    }

    @Test
    void contractCodeAndStorageGoToTheStore() {
        String json = """
                { "config": { "chainId": 1337, "londonBlock": 0, "shanghaiTime": 0 },
                  "alloc": { "0000000000000000000000000000000000000100": {
                      "balance": "0x0", "code": "0x6001", "storage": { "0x01": "0x2a", "0x02": "0x00" } } },
                  "gasLimit": 30000000, "baseFeePerGas": "7" }
                """;
        InMemoryNodeStore store = new InMemoryNodeStore();
        GenesisConfig genesis = GenesisFile.parse(json);
        Block block = genesis.toBlock(store);
        assertEquals(BigInteger.valueOf(7), block.header().baseFee().orElseThrow());
        assertTrue(block.header().withdrawalsRoot().isPresent());
        assertEquals(Fork.SHANGHAI, genesis.config().forkAt(0, 0));
        assertEquals(ChainConfig.DEFAULT_MAX_CODE_SIZE, genesis.config().maxCodeSize(0));

        StateAccount account = StateAccount.decode(new SecureTrie(store, block.header().stateRoot())
                .get(Address.ofLong(0x100).toArray()).orElseThrow());
        assertArrayEquals(new byte[] {0x60, 0x01}, store.get(account.codeHash()).orElseThrow());
        SecureTrie storage = new SecureTrie(store, account.storageRoot());
        byte[] slot1 = new byte[32];
        slot1[31] = 1;
        assertArrayEquals(new byte[] {(byte) 0x2a}, storage.get(slot1).orElseThrow());   // rlp(0x2a) is 0x2a
        byte[] slot2 = new byte[32];
        slot2[31] = 2;
        assertFalse(storage.get(slot2).isPresent(), "zero values are not stored");
        assertArrayEquals(genesis.stateRoot(), block.header().stateRoot());
    }

    @Test
    void forkTimesSelectTheRules() {
        ChainConfig config = GenesisFile.parse("""
                { "config": { "chainId": 1, "londonBlock": 0, "shanghaiTime": 100, "cancunTime": 200 } }
                """).config();
        assertEquals(Fork.LONDON, config.forkAt(5, 99));
        assertEquals(Fork.SHANGHAI, config.forkAt(5, 100));
        assertEquals(Fork.CANCUN, config.forkAt(5, 200));
    }

    @Test
    void legacyMaxCodeSizeAppliesFromItsChangeBlock() {
        ChainConfig config = GenesisFile.parse("""
                { "config": { "chainId": 1, "maxCodeSize": 50, "maxCodeSizeChangeBlock": 10, "txnSizeLimit": 128 } }
                """).config();
        assertEquals(ChainConfig.DEFAULT_MAX_CODE_SIZE, config.maxCodeSize(9));
        assertEquals(50 * 1024, config.maxCodeSize(10));
        assertEquals(128 * 1024, config.transactionSizeLimit());
    }

    @Test
    void badGenesisFilesFailWithClearMessages() {
        assertMessage("not valid JSON", "{");
        assertMessage("config.chainId is missing", "{ \"config\": {} }");
        assertMessage("txnSizeLimit", "{ \"config\": { \"chainId\": 1, \"txnSizeLimit\": 8 } }");
        assertMessage("maxCodeSizeConfig size", "{ \"config\": { \"chainId\": 1, \"maxCodeSizeConfig\": [ {\"block\": 0, \"size\": 200} ] } }");
        assertMessage("ascending", "{ \"config\": { \"chainId\": 1, \"maxCodeSizeConfig\": [ {\"block\": 5, \"size\": 32}, {\"block\": 1, \"size\": 32} ] } }");
        assertMessage("londonBlock", "{ \"config\": { \"chainId\": 1, \"shanghaiTime\": 0 } }");
        assertMessage("not an address", "{ \"config\": { \"chainId\": 1 }, \"alloc\": { \"0x12\": { \"balance\": \"1\" } } }");
        assertMessage("balance is missing", "{ \"config\": { \"chainId\": 1 }, \"alloc\": { \"0x0000000000000000000000000000000000000001\": {} } }");
        assertMessage("not a number", "{ \"config\": { \"chainId\": 1 }, \"gasLimit\": \"lots\" }");
    }

    private static void assertMessage(String expected, String json) {
        InvalidGenesisException e = assertThrows(InvalidGenesisException.class, () -> GenesisFile.parse(json));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should mention " + expected);
    }
}
