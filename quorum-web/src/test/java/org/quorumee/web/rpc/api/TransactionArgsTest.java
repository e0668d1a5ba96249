package org.quorumee.web.rpc.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.types.Address;
import org.quorumee.web.rpc.JsonRpcException;

/** The call/transaction object as clients send it (go-ethereum's field names and hex rules). */
class TransactionArgsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TransactionArgs parse(String json) throws Exception {
        return JSON.readValue(json, TransactionArgs.class);
    }

    private static int code(Runnable call) {
        return assertThrows(JsonRpcException.class, call::run).code();
    }

    @Test
    void readsEveryFieldAClientSends() throws Exception {
        TransactionArgs args = parse("""
                {"from":"0xEFF92EB5856DF59F8E0BA5FD9AB80ECDB3AE5FCF","to":"0x0000000000000000000000000000000000000123",
                 "gas":"0x5208","gasPrice":"0x3b9aca00","maxFeePerGas":"0x2","maxPriorityFeePerGas":"0x1",
                 "value":"0xde0b6b3a7640000","nonce":"0x7","input":"0x010203","chainId":"0xa","type":"0x2",
                 "accessList":[{"address":"0x0000000000000000000000000000000000000abc",
                                "storageKeys":["0x0000000000000000000000000000000000000000000000000000000000000001"]}],
                 "someFieldOfAnotherClient":true}
                """);
        assertEquals(Optional.of(Address.fromHex("0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf")), args.fromAddress());
        assertEquals(Optional.of(Address.ofLong(0x123)), args.toAddress());
        assertEquals(Optional.of(21_000L), args.gasLimit());
        assertEquals(Optional.of(BigInteger.valueOf(1_000_000_000)), args.gasPriceValue());
        assertEquals(Optional.of(BigInteger.TWO), args.maxFeePerGasValue());
        assertEquals(Optional.of(BigInteger.ONE), args.maxPriorityFeePerGasValue());
        assertEquals(new BigInteger("1000000000000000000"), args.valueOrZero());
        assertEquals(Optional.of(7L), args.nonceValue());
        assertArrayEquals(new byte[] {1, 2, 3}, args.payload());
        List<AccessListEntry> list = args.accessListEntries();
        assertEquals(1, list.size());
        assertEquals(Address.ofLong(0xabc), list.get(0).address());
        assertEquals(Hex.encode(Hex.decode("0x" + "00".repeat(31) + "01")), Hex.encode(list.get(0).storageKeys().get(0)));
    }

    @Test
    void everyFieldIsOptional() throws Exception {
        TransactionArgs args = parse("{}");
        assertTrue(args.fromAddress().isEmpty());
        assertTrue(args.toAddress().isEmpty(), "no to: a contract creation");
        assertTrue(args.gasLimit().isEmpty());
        assertTrue(args.nonceValue().isEmpty());
        assertEquals(BigInteger.ZERO, args.valueOrZero());
        assertArrayEquals(new byte[0], args.payload());
        assertEquals(List.of(), args.accessListEntries());
        assertFalse(args.isPrivate(), "nothing private asked");
    }

    @Test
    void inputWinsOverDataOnlyWhenTheyAgree() throws Exception {
        assertArrayEquals(new byte[] {(byte) 0xaa}, parse("{\"data\":\"0xaa\"}").payload());
        assertArrayEquals(new byte[] {(byte) 0xbb}, parse("{\"input\":\"0xbb\"}").payload());
        assertArrayEquals(new byte[] {(byte) 0xcc}, parse("{\"input\":\"0xcc\",\"data\":\"0xcc\"}").payload());
        TransactionArgs both = parse("{\"input\":\"0xcc\",\"data\":\"0xdd\"}");
        JsonRpcException e = assertThrows(JsonRpcException.class, both::payload);
        assertEquals(JsonRpcException.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().startsWith("both \"data\" and \"input\" are set and not equal"), e.getMessage());
    }

    @Test
    void malformedFieldsAreInvalidParams() throws Exception {
        assertEquals(JsonRpcException.INVALID_PARAMS, code(() -> call(() -> parse("{\"from\":\"0x1234\"}").fromAddress())));
        assertEquals(JsonRpcException.INVALID_PARAMS, code(() -> call(() -> parse("{\"gas\":\"0x05208\"}").gasLimit())),
                "a quantity with a leading zero");
        assertEquals(JsonRpcException.INVALID_PARAMS, code(() -> call(() -> parse("{\"value\":\"12\"}").valueOrZero())),
                "no 0x prefix");
        assertEquals(JsonRpcException.INVALID_PARAMS, code(() -> call(() -> parse("{\"input\":\"0xabc\"}").payload())),
                "odd length");
        assertEquals(JsonRpcException.INVALID_PARAMS, code(() -> call(() -> parse(
                "{\"accessList\":[{\"address\":\"0x0000000000000000000000000000000000000abc\",\"storageKeys\":[\"0x01\"]}]}")
                .accessListEntries())), "a storage key is 32 bytes");
    }

    @Test
    void privateForMakesATransactionPrivateWithStandardPrivacyOnly() throws Exception {
        String key = "ROAZBWtSacxXQrOe3FGAqJDyJjFePR5ce4TSIzmJ0Bc=";
        String from = "BULeR8JyUWhiuuCMU/HLA0Q5pzkYT+cHII3ZKBey3Bo=";
        TransactionArgs args = parse("{\"privateFor\":[\"" + key + "\"],\"privateFrom\":\"" + from + "\",\"privacyFlag\":0}");
        assertTrue(args.isPrivate());
        assertEquals(List.of(key), args.recipients().stream().map(Object::toString).toList());
        assertEquals(from, args.sender().orElseThrow().toString());
        assertEquals(org.quorumee.core.privacy.PrivacyMetadata.STANDARD, args.metadata());
        assertTrue(parse("{\"privateFor\":[]}").isPrivate(), "an empty privateFor is private (GoQuorum: privateFor != nil)");
        // web3j-quorum sends an empty mandatoryFor with every standard private transaction
        assertEquals(org.quorumee.core.privacy.PrivacyMetadata.STANDARD,
                parse("{\"privateFor\":[\"" + key + "\"],\"privacyFlag\":0,\"mandatoryFor\":[]}").metadata());
        for (String json : List.of("{\"privateFor\":[\"" + key + "\"],\"privacyFlag\":1}",
                "{\"privateFor\":[\"" + key + "\"],\"privacyFlag\":2,\"mandatoryFor\":[\"" + key + "\"]}")) {
            JsonRpcException e = assertThrows(JsonRpcException.class, parse(json)::metadata);
            assertEquals(JsonRpcException.SERVER_ERROR, e.code());
            assertTrue(e.getMessage().contains("only standard private transactions"), e.getMessage());
        }
        JsonRpcException badKey = assertThrows(JsonRpcException.class, parse("{\"privateFor\":[\"x\"]}")::recipients);
        assertTrue(badKey.getMessage().contains("not a base64 public key of 32 bytes"), badKey.getMessage());
        JsonRpcException alone = assertThrows(JsonRpcException.class, parse("{\"privateFrom\":\"" + from + "\"}")::isPrivate);
        assertTrue(alone.getMessage().contains("need privateFor"), alone.getMessage());
    }

    /** Runs a read that may throw a checked exception (parsing), so that only JsonRpcException escapes. */
    private static void call(ThrowingRead read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private interface ThrowingRead {
        Object run() throws Exception;
    }
}
