package org.quorumee.web.rpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.Receipt;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.tx.TransactionType;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.node.chain.StoredBlock;
import org.quorumee.node.chain.StoredLog;
import org.quorumee.node.chain.StoredReceipt;
import org.quorumee.node.chain.StoredTransaction;

/** What clients read: go-ethereum's field names and hex forms, checked on published or hand-made values. */
class RpcViewsTest {
    /** EIP-155's example: the signed transaction, its sender and its signature as the EIP gives them. */
    private static final String EIP155_RAW = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7"
            + "6400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb70330"
            + "4b3800ccf555c9f3dc64214b297fb1966a3b6d83";
    private static final Address EIP155_SENDER = Address.fromHex("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");

    private static String keccak(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return Hex.encode(out);
    }

    @Test
    void aLegacyTransactionAsGethWritesIt() {
        byte[] raw = Hex.decode(EIP155_RAW);
        Transaction tx = Transaction.decode(raw, 1);
        Map<String, Object> pending = RpcViews.transaction(new StoredTransaction(tx, tx.sender(), null, 0, 0), null);
        assertNull(pending.get("blockHash"), "pending: no block fields");
        assertNull(pending.get("blockNumber"));
        assertNull(pending.get("transactionIndex"));
        assertEquals(EIP155_SENDER.toString(), pending.get("from"));
        assertEquals("0x5208", pending.get("gas"));
        assertEquals("0x4a817c800", pending.get("gasPrice"));
        assertEquals(keccak(raw), pending.get("hash"));
        assertEquals("0x", pending.get("input"));
        assertEquals("0x9", pending.get("nonce"));
        assertEquals("0x3535353535353535353535353535353535353535", pending.get("to"));
        assertEquals("0xde0b6b3a7640000", pending.get("value"));
        assertEquals("0x0", pending.get("type"));
        assertEquals("0x1", pending.get("chainId"));
        assertEquals("0x25", pending.get("v"));
        assertEquals("0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276", pending.get("r"));
        assertEquals("0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83", pending.get("s"));
        assertFalse(pending.containsKey("yParity"), "no yParity on a legacy transaction");
        assertFalse(pending.containsKey("accessList"));

        byte[] blockHash = new byte[32];
        blockHash[0] = 1;
        Map<String, Object> mined = RpcViews.transaction(new StoredTransaction(tx, tx.sender(), blockHash, 16, 3), null);
        assertEquals(Hex.encode(blockHash), mined.get("blockHash"));
        assertEquals("0x10", mined.get("blockNumber"));
        assertEquals("0x3", mined.get("transactionIndex"));
    }

    @Test
    void aDynamicFeeTransactionShowsThePricePaidAtItsBlock() {
        KeyPair key = KeyPair.fromPrivateKey(Hex.decode("0x" + "46".repeat(32)));
        Transaction tx = Transaction.builder(TransactionType.EIP1559).chainId(10).nonce(0).maxFeePerGas(BigInteger.valueOf(100))
                .maxPriorityFeePerGas(BigInteger.TWO).gasLimit(30_000).to(Address.ofLong(1))
                .accessList(List.of(new AccessListEntry(Address.ofLong(2), List.of(new byte[32])))).sign(key);
        StoredTransaction stored = new StoredTransaction(tx, tx.sender(), new byte[32], 1, 0);
        // min(max fee, base fee + tip): 7 + 2 = 9, and at a base fee of 99 the cap of 100
        assertEquals("0x9", RpcViews.transaction(stored, BigInteger.valueOf(7)).get("gasPrice"));
        assertEquals("0x64", RpcViews.transaction(stored, BigInteger.valueOf(99)).get("gasPrice"));
        Map<String, Object> view = RpcViews.transaction(stored, BigInteger.ZERO);
        assertEquals("0x64", view.get("maxFeePerGas"));
        assertEquals("0x2", view.get("maxPriorityFeePerGas"));
        assertEquals("0x2", view.get("type"));
        assertEquals("0xa", view.get("chainId"));
        assertEquals(view.get("v"), view.get("yParity"), "a typed transaction's v is its y parity");
        assertTrue(view.get("yParity").equals("0x0") || view.get("yParity").equals("0x1"));
        assertEquals(List.of(Map.of("address", Address.ofLong(2).toString(), "storageKeys", List.of("0x" + "00".repeat(32)))),
                view.get("accessList"));
    }

    @Test
    void aBlockAndItsHeader() {
        BlockHeader header = BlockHeader.builder().number(255).gasLimit(30_000_000).gasUsed(21_000).timestamp(1_700_000_000)
                .baseFee(BigInteger.ZERO).nonce(0x42).build();
        Transaction tx = Transaction.decode(Hex.decode(EIP155_RAW), 1);
        StoredBlock block = new StoredBlock(header, header.hash(), List.of(new StoredTransaction(tx, tx.sender(), header.hash(), 255, 0)), 1234);
        Map<String, Object> view = RpcViews.block(block, false);
        assertEquals("0xff", view.get("number"));
        assertEquals(Hex.encode(header.hash()), view.get("hash"));
        assertEquals("0x0000000000000042", view.get("nonce"), "the nonce is 8 bytes, all 16 digits");
        assertEquals("0x1c9c380", view.get("gasLimit"));
        assertEquals("0x5208", view.get("gasUsed"));
        assertEquals("0x6553f100", view.get("timestamp"));
        assertEquals("0x0", view.get("baseFeePerGas"));
        assertEquals("0x4d2", view.get("size"));
        assertEquals("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", view.get("sha3Uncles"),
                "keccak256 of an empty list");
        assertEquals(List.of(keccak(Hex.decode(EIP155_RAW))), view.get("transactions"));
        assertEquals(List.of(), view.get("uncles"));
        assertFalse(view.containsKey("withdrawals"), "no withdrawals before Shanghai");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> full = (List<Map<String, Object>>) RpcViews.block(block, true).get("transactions");
        assertEquals(EIP155_SENDER.toString(), full.get(0).get("from"));
        Map<String, Object> head = RpcViews.header(block);
        assertFalse(head.containsKey("transactions"), "newHeads carry the header alone");
        assertFalse(head.containsKey("size"));
    }

    @Test
    void aReceiptNumbersItsLogsFromTheBlocksFirstIndex() {
        Transaction tx = Transaction.decode(Hex.decode(EIP155_RAW), 1);
        byte[] blockHash = new byte[32];
        blockHash[31] = 9;
        StoredTransaction stored = new StoredTransaction(tx, tx.sender(), blockHash, 5, 2);
        Log first = new Log(Address.ofLong(0xc0), List.of(new byte[32]), new byte[] {1});
        Log second = new Log(Address.ofLong(0xc1), List.of(), new byte[0]);
        Receipt receipt = Receipt.of(0, false, 63_000, List.of(first, second));
        Map<String, Object> view = RpcViews.receipt(new StoredReceipt(receipt, stored, 21_000, null, BigInteger.valueOf(20_000_000_000L), 7,
                new byte[] {0x08, (byte) 0xc3}));
        assertEquals("0x0", view.get("status"));
        assertEquals("0xf618", view.get("cumulativeGasUsed"));
        assertEquals("0x5208", view.get("gasUsed"));
        assertEquals("0x4a817c800", view.get("effectiveGasPrice"));
        assertNull(view.get("contractAddress"));
        assertEquals("0x5", view.get("blockNumber"));
        assertEquals("0x2", view.get("transactionIndex"));
        assertEquals("0x08c3", view.get("revertReason"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> logs = (List<Map<String, Object>>) view.get("logs");
        assertEquals(List.of("0x7", "0x8"), logs.stream().map(l -> l.get("logIndex")).toList());
        assertEquals(keccak(Hex.decode(EIP155_RAW)), logs.get(1).get("transactionHash"));
        assertEquals(Boolean.FALSE, logs.get(0).get("removed"));
        assertEquals("0x01", logs.get(0).get("data"));

        Map<String, Object> log = RpcViews.log(new StoredLog(first, 5, blockHash, tx.hash(), 2, 7));
        assertEquals(logs.get(0), log, "a receipt's log is the log eth_getLogs gives");
    }
}
