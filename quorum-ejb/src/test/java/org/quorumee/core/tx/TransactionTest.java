package org.quorumee.core.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.fork.Fork;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.tx.InvalidTransactionException.Reason;
import org.quorumee.core.types.Address;

class TransactionTest {
    private static final KeyPair KEY = KeyPair.fromPrivateKey(
            Hex.decode("4646464646464646464646464646464646464646464646464646464646464646"));
    private static final Address TO = Address.fromHex("0x3535353535353535353535353535353535353535");
    private static final long QUORUM_CHAIN = 10;

    @Test
    void eip155ExampleFromTheEip() {
        Transaction tx = Transaction.builder(TransactionType.LEGACY).chainId(1).nonce(9)
                .gasPrice(BigInteger.valueOf(20_000_000_000L)).gasLimit(21_000).to(TO)
                .value(BigInteger.TEN.pow(18)).sign(KEY);
        assertEquals("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", Hex.encode(tx.signingHash()));
        assertEquals("0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
                Hex.encode(tx.encoded()));
        assertEquals(BigInteger.valueOf(37), tx.v());
        assertFalse(tx.isPrivate());
        Transaction decoded = Transaction.decode(tx.encoded(), 1).validate(1, Fork.CANCUN);
        assertEquals(KEY.address(), decoded.sender());
        assertEquals(tx, decoded);
    }

    @Test
    void quorumPrivateTransactionSignsAsHomesteadWithV37Or38() {
        byte[] payloadHash = new byte[64];
        payloadHash[0] = 1;
        Transaction tx = Transaction.builder(TransactionType.LEGACY).chainId(QUORUM_CHAIN).privateTransaction(true)
                .nonce(3).gasLimit(100_000).to(TO).data(payloadHash).sign(KEY);
        assertTrue(tx.v().intValueExact() == 37 || tx.v().intValueExact() == 38);
        assertTrue(tx.chainId().isEmpty(), "private transactions carry no chain id");
        // Homestead signing hash: rlp of the six fields, nothing appended.
        byte[] homestead = org.quorumee.core.crypto.Keccak.keccak256(Rlp.encodeList(Rlp.encodeLong(3), Rlp.EMPTY_STRING,
                Rlp.encodeLong(100_000), Rlp.encodeBytes(TO.toArray()), Rlp.EMPTY_STRING, Rlp.encodeBytes(payloadHash)));
        assertArrayEquals(homestead, tx.signingHash());

        Transaction decoded = Transaction.decode(tx.encoded(), QUORUM_CHAIN).validate(QUORUM_CHAIN, Fork.LONDON);
        assertTrue(decoded.isPrivate());
        assertEquals(KEY.address(), decoded.sender());
        assertArrayEquals(payloadHash, decoded.data());

        // On chain id 1 the same bytes are an EIP-155 transaction, whose sender is someone else.
        Transaction onMainnet = Transaction.decode(tx.encoded(), 1);
        assertFalse(onMainnet.isPrivate());
        assertNotEquals(KEY.address(), onMainnet.sender());
    }

    @Test
    void privateDataMustBeAPayloadHash() {
        Transaction tx = Transaction.builder(TransactionType.LEGACY).privateTransaction(true)
                .gasLimit(100_000).to(TO).data(new byte[10]).sign(KEY);
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class,
                () -> Transaction.decode(tx.encoded(), QUORUM_CHAIN).validate(QUORUM_CHAIN, Fork.LONDON));
        assertEquals(Reason.INVALID_PRIVATE_PAYLOAD, e.reason());
        assertThrows(InvalidTransactionException.class, () -> Transaction.builder(TransactionType.EIP1559)
                .chainId(QUORUM_CHAIN).privateTransaction(true).signingHash());
    }

    @Test
    void preEip155LegacyIsAcceptedOnAnyChain() {
        Transaction tx = Transaction.builder(TransactionType.LEGACY).nonce(0).gasLimit(21_000).to(TO).sign(KEY);
        assertTrue(tx.v().intValueExact() == 27 || tx.v().intValueExact() == 28);
        assertEquals(KEY.address(), Transaction.decode(tx.encoded(), QUORUM_CHAIN).validate(QUORUM_CHAIN, Fork.SHANGHAI).sender());
    }

    @Test
    void typedTransactionsRoundTrip() {
        List<AccessListEntry> accessList = List.of(new AccessListEntry(TO, List.of(new byte[32], Hex.decode(
                "0x0000000000000000000000000000000000000000000000000000000000000001"))));
        Transaction t1 = Transaction.builder(TransactionType.ACCESS_LIST).chainId(QUORUM_CHAIN).nonce(1)
                .gasPrice(BigInteger.ONE).gasLimit(50_000).to(TO).accessList(accessList).data(new byte[] {0, 1}).sign(KEY);
        Transaction t2 = Transaction.builder(TransactionType.EIP1559).chainId(QUORUM_CHAIN).nonce(2)
                .maxPriorityFeePerGas(BigInteger.ONE).maxFeePerGas(BigInteger.TEN).gasLimit(60_000)
                .accessList(accessList).data(new byte[] {1}).sign(KEY);
        for (Transaction tx : List.of(t1, t2)) {
            Transaction decoded = Transaction.decode(tx.encoded(), QUORUM_CHAIN).validate(QUORUM_CHAIN, Fork.CANCUN);
            assertEquals(tx, decoded);
            assertEquals(KEY.address(), decoded.sender());
            assertEquals(tx.type(), decoded.type());
            assertEquals(1, decoded.accessList().size());
            assertArrayEquals(tx.encodedForBlockBody(), Rlp.encodeBytes(tx.encoded()));
            assertEquals(tx, Transaction.decodeFromBlockBody(Rlp.decode(tx.encodedForBlockBody()), QUORUM_CHAIN));
        }
        assertEquals(21_000 + 4 + 16 + 2_400 + 2 * 1_900, t1.intrinsicGas(Fork.LONDON));
        // creation: 53000 + 16 + access list + 2 per init code word from Shanghai
        assertEquals(53_000 + 16 + 2_400 + 2 * 1_900, t2.intrinsicGas(Fork.LONDON));
        assertEquals(53_000 + 16 + 2_400 + 2 * 1_900 + 2, t2.intrinsicGas(Fork.SHANGHAI));
        assertTrue(t2.isContractCreation());
        assertEquals(BigInteger.valueOf(6), t2.effectiveGasPrice(BigInteger.valueOf(5)));
        assertEquals(BigInteger.TEN, t2.effectiveGasPrice(BigInteger.valueOf(50)));
    }

    @Test
    void blobTransactionsDecodeAndAreFlagged() {
        byte[] versionedHash = new byte[32];
        versionedHash[0] = 1;
        Transaction blob = Transaction.builder(TransactionType.BLOB).chainId(QUORUM_CHAIN).nonce(0)
                .maxFeePerGas(BigInteger.TEN).gasLimit(21_000).to(TO).maxFeePerBlobGas(BigInteger.ONE)
                .blobVersionedHashes(List.of(versionedHash)).sign(KEY);
        Transaction decoded = Transaction.decode(blob.encoded(), QUORUM_CHAIN);
        assertTrue(decoded.isBlob());
        assertEquals(1, decoded.blobVersionedHashes().size());
        assertEquals(KEY.address(), decoded.sender());
        assertEquals(Reason.TYPE_NOT_SUPPORTED, assertThrows(InvalidTransactionException.class,
                () -> decoded.validate(QUORUM_CHAIN, Fork.SHANGHAI)).reason());
    }

    @Test
    void refusalsCarryAReason() {
        Transaction tx = Transaction.builder(TransactionType.EIP1559).chainId(QUORUM_CHAIN)
                .maxFeePerGas(BigInteger.TEN).gasLimit(20_000).to(TO).sign(KEY);
        assertEquals(Reason.INTRINSIC_GAS, assertThrows(InvalidTransactionException.class,
                () -> tx.validate(QUORUM_CHAIN, Fork.LONDON)).reason());
        assertEquals(Reason.WRONG_CHAIN_ID, assertThrows(InvalidTransactionException.class,
                () -> tx.validate(QUORUM_CHAIN + 1, Fork.LONDON)).reason());
        assertEquals(Reason.MALFORMED, assertThrows(InvalidTransactionException.class,
                () -> Transaction.decode(new byte[] {(byte) 0xc1}, QUORUM_CHAIN)).reason());
        assertEquals(Reason.MALFORMED, assertThrows(InvalidTransactionException.class,
                () -> Transaction.decode(new byte[0], QUORUM_CHAIN)).reason());
        assertEquals(Reason.TYPE_NOT_SUPPORTED, assertThrows(InvalidTransactionException.class,
                () -> Transaction.decode(new byte[] {0x05, (byte) 0xc0}, QUORUM_CHAIN)).reason());
        // an RLP string (0x80..0xbf) is neither a type byte nor a legacy list: malformed, not an unknown type
        assertEquals(Reason.MALFORMED, assertThrows(InvalidTransactionException.class,
                () -> Transaction.decode(new byte[] {(byte) 0x82, 0x01, 0x02}, QUORUM_CHAIN)).reason());
        byte[] truncated = java.util.Arrays.copyOf(tx.encoded(), tx.size() - 1);
        assertEquals(Reason.MALFORMED, assertThrows(InvalidTransactionException.class,
                () -> Transaction.decode(truncated, QUORUM_CHAIN)).reason());
    }

    @Test
    void builderRefusesValuesOutsideTheirRange() {
        assertEquals(Reason.INVALID_FIELD, assertThrows(InvalidTransactionException.class,
                () -> Transaction.builder(TransactionType.LEGACY).value(BigInteger.ONE.negate()).sign(KEY)).reason());
        assertEquals(Reason.INVALID_FIELD, assertThrows(InvalidTransactionException.class,
                () -> Transaction.builder(TransactionType.EIP1559).chainId(QUORUM_CHAIN)
                        .maxFeePerGas(BigInteger.TWO.pow(256)).sign(KEY)).reason());
        assertEquals(Reason.INVALID_FIELD, assertThrows(InvalidTransactionException.class,
                () -> Transaction.builder(TransactionType.EIP1559).sign(KEY)).reason());
    }

    @Test
    void legacyFeesAllReadAsTheGasPrice() {
        Transaction tx = Transaction.builder(TransactionType.LEGACY).gasPrice(BigInteger.TEN).gasLimit(21_000).to(TO).sign(KEY);
        assertEquals(BigInteger.TEN, tx.gasPrice());
        assertEquals(BigInteger.TEN, tx.maxFeePerGas());
        assertEquals(BigInteger.TEN, tx.maxPriorityFeePerGas());
        assertEquals(BigInteger.TEN, tx.effectiveGasPrice(BigInteger.ONE));
    }

    @Test
    void initCodeLimitFromShanghai() {
        Transaction tx = Transaction.builder(TransactionType.EIP1559).chainId(QUORUM_CHAIN)
                .gasLimit(30_000_000).data(new byte[Transaction.MAX_INITCODE_SIZE + 1]).sign(KEY);
        tx.validate(QUORUM_CHAIN, Fork.LONDON);
        assertEquals(Reason.INITCODE_TOO_LARGE, assertThrows(InvalidTransactionException.class,
                () -> tx.validate(QUORUM_CHAIN, Fork.SHANGHAI)).reason());
    }
}
