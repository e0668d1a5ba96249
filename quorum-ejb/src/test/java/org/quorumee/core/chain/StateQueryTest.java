package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.state.StateAccount;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.MerkleProof;
import org.quorumee.core.types.Address;
import org.quorumee.node.config.GenesisFile;

class StateQueryTest {
    private static final Address RICH = Address.fromHex("0x1000000000000000000000000000000000000001");
    private static final Address CONTRACT = Address.fromHex("0x2000000000000000000000000000000000000002");
    private static final Address NOBODY = Address.fromHex("0x3000000000000000000000000000000000000003");

    private final InMemoryNodeStore store = new InMemoryNodeStore();
    private final Block genesis = GenesisFile.parse("""
            {"config":{"chainId":10,"londonBlock":0,"isQuorum":true},
             "gasLimit":"0x1000000","difficulty":"0x0","alloc":{
               "0x1000000000000000000000000000000000000001":{"balance":"1000","nonce":"0x7"},
               "0x2000000000000000000000000000000000000002":{"balance":"0","code":"0x600160005500",
                 "storage":{"0x0000000000000000000000000000000000000000000000000000000000000001":"0x2a"}}}}
            """).toBlock(store);
    private final StateQuery state = new StateQuery(store, genesis.header().stateRoot());

    private static byte[] slot(int n) {
        byte[] slot = new byte[32];
        slot[31] = (byte) n;
        return slot;
    }

    @Test
    void accountsStorageAndCode() {
        StateAccount rich = state.account(RICH).orElseThrow();
        assertEquals(BigInteger.valueOf(1000), rich.balance());
        assertEquals(7, rich.nonce());
        assertTrue(state.account(NOBODY).isEmpty());
        assertEquals(BigInteger.valueOf(42), state.storage(CONTRACT, slot(1)));
        assertEquals(BigInteger.ZERO, state.storage(CONTRACT, slot(2)));
        assertEquals(BigInteger.ZERO, state.storage(NOBODY, slot(1)));
        assertArrayEquals(Hex.decode("0x600160005500"), state.code(CONTRACT));
        assertEquals(0, state.code(RICH).length);
    }

    @Test
    void proofsVerifyAgainstTheRoots() {
        StateQuery.AccountProof proof = state.proof(CONTRACT, List.of(slot(1), slot(2)));
        byte[] account = MerkleProof.verify(genesis.header().stateRoot(), Keccak.keccak256(CONTRACT.toArray()),
                proof.accountProof()).orElseThrow();
        assertEquals(proof.account(), StateAccount.decode(account));
        StateQuery.StorageProof one = proof.storageProofs().get(0);
        assertEquals(BigInteger.valueOf(42), one.value());
        assertTrue(MerkleProof.verify(proof.account().storageRoot(), Keccak.keccak256(slot(1)), one.proof()).isPresent());
        assertTrue(MerkleProof.verify(proof.account().storageRoot(), Keccak.keccak256(slot(2)),
                proof.storageProofs().get(1).proof()).isEmpty());

        StateQuery.AccountProof absent = state.proof(NOBODY, List.of());
        assertEquals(StateAccount.EMPTY, absent.account());
        assertTrue(MerkleProof.verify(genesis.header().stateRoot(), Keccak.keccak256(NOBODY.toArray()),
                absent.accountProof()).isEmpty());
    }
}
