package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.NodeDeployment;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * What a heavy or malformed request gets from a node with the product's default limits: the gas cap
 * of calls, go-ethereum's refusals (unprotected transactions, unlock durations), errors without Java
 * internals, and bounded traces. (The deadline of calls and the response cap: {@code LimitsIT}.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RpcLimitsIT {
    private static final String DEV = "0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf";
    /** JUMPDEST; PUSH1 0; JUMP: a loop that ends only when the gas does. */
    private static final String LOOP = "0x5b600056";
    /** GAS; PUSH1 0; MSTORE; PUSH1 32; PUSH1 0; REVERT: reverts with the gas left after GAS. */
    private static final String REVERT_WITH_GAS_LEFT = "0x5a60005260206000fd";
    /**
     * Intrinsic gas of that creation (Shanghai): 21000 + 32000 (creation) + 7 non-zero bytes x 16 +
     * 2 zero bytes x 4 + 1 initcode word x 2 = 53122; GAS itself costs 2.
     */
    private static final long GAS_BEFORE_GAS_OPCODE = 53_122 + 2;
    private static final long GAS_CAP = 50_000_000;
    private static final long CHAIN_ID = 10;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private JsonRpcClient rpc;

    @BeforeEach
    void client() {
        rpc = new JsonRpcClient(URI.create(baseUrl.toString()).resolve("/"));
    }

    private JsonNode error(String method, String params) {
        JsonNode response = rpc.call(method, params);
        assertTrue(response.has("error"), method + " should fail: " + response);
        return response.get("error");
    }

    private long gasSeenByACall(String gasField) {
        JsonNode reverted = error("eth_call", "[{\"data\":\"" + REVERT_WITH_GAS_LEFT + "\"" + gasField + "},\"latest\"]");
        assertEquals(3, reverted.get("code").asInt(), reverted.toString());
        return Numeric.toBigInt(reverted.get("data").asText()).longValueExact() + GAS_BEFORE_GAS_OPCODE;
    }

    @Test
    void callsAreCappedAtTheGasCap() {
        assertEquals(100_000, gasSeenByACall(",\"gas\":\"0x186a0\""), "a call gets the gas it asks for");
        assertEquals(GAS_CAP, gasSeenByACall(""), "the block's gas limit (0xe0000000), capped");
        assertEquals(GAS_CAP, gasSeenByACall(",\"gas\":\"0x7fffffffffffffff\""));
        assertEquals(GAS_CAP, gasSeenByACall(",\"gas\":\"0x8000000000000000\""), "2^63 once was an internal error");
        assertEquals(GAS_CAP, gasSeenByACall(",\"gas\":\"0xffffffffffffffff\""));
    }

    @Test
    void gasThatDoesNotFitIsInvalidParams() {
        JsonNode tooLarge = error("eth_call", "[{\"data\":\"0x00\",\"gas\":\"0x10000000000000000\"},\"latest\"]");
        assertEquals(-32602, tooLarge.get("code").asInt());
        assertEquals("gas: hex number > 64 bits: 0x10000000000000000", tooLarge.get("message").asText());
        assertEquals(-32602, error("eth_estimateGas", "[{\"gas\":\"0x1" + "0".repeat(40) + "\"}]").get("code").asInt());
    }

    @Test
    void anInfiniteLoopAtTheLargestGasEndsWhenItsCappedGasDoes() {
        JsonNode stopped = error("eth_call", "[{\"data\":\"" + LOOP + "\",\"gas\":\"0x7fffffffffffffff\"},\"latest\"]");
        assertEquals(-32000, stopped.get("code").asInt());
        assertEquals("out of gas", stopped.get("message").asText());
        JsonNode estimate = error("eth_estimateGas", "[{\"data\":\"" + LOOP + "\"}]");
        assertEquals("gas required exceeds allowance (" + GAS_CAP + ")", estimate.get("message").asText());
    }

    @Test
    void errorsCarryNoJavaInternalsAndEchoLittle() {
        String huge = "0x" + "g".repeat(1_000_000);
        List<JsonNode> errors = List.of(
                error("eth_getBalance", "[\"" + DEV + "\",\"" + huge + "\"]"),
                error("eth_" + "x".repeat(1_000_000), "[]"),
                error("eth_getBalance", "[{\"not\":\"a string\"},\"latest\"]"),
                error("eth_call", "[{\"data\":\"0x00\",\"gas\":\"0x1" + "0".repeat(70) + "\"}]"),
                error("personal_unlockAccount", "[\"" + DEV + "\",\"\",1" + "0".repeat(30) + "]"),
                error("eth_sendRawTransaction", "[\"0xf86b80\"]"));
        for (JsonNode error : errors) {
            String message = error.get("message").asText();
            assertTrue(message.length() < 200, () -> message.length() + " characters: " + message.substring(0, 200));
            for (String internal : List.of("java.", "Exception", "com.fasterxml", "Cannot deserialize", "line:", "Source:")) {
                assertFalse(message.contains(internal), message);
            }
        }
        assertEquals("invalid argument 0: cannot read a string", errors.get(2).get("message").asText());
    }

    @Test
    void trailingGarbageIsAParseError() {
        JsonNode reply = rpc.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]} garbage").json();
        assertEquals(-32700, reply.get("error").get("code").asInt());
        assertEquals("parse error", reply.get("error").get("message").asText());
        assertEquals(-32700, rpc.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}{}").json().get("error").get("code").asInt());
    }

    @Test
    void unlockDurationsAreBoundedAsGeth() {
        // geth's bound: 2^63 - 1 nanoseconds, in whole seconds
        assertTrue(rpc.result("personal_unlockAccount", "[\"" + DEV + "\",\"\",9223372036]").asBoolean());
        for (String duration : new String[] {"9223372037", "1000000000000", "9223372036854775807", "18446744073709551616"}) {
            JsonNode refused = error("personal_unlockAccount", "[\"" + DEV + "\",\"\"," + duration + "]");
            assertEquals(-32602, refused.get("code").asInt(), duration + ": " + refused);
        }
        assertTrue(rpc.result("personal_unlockAccount", "[\"" + DEV + "\",\"\",0]").asBoolean(), "0: until the node stops");
    }

    @Test
    void unprotectedTransactionsAreRefusedButQuorumPrivateOnesAreNot() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        String to = Credentials.create(Keys.createEcKeyPair()).getAddress();
        RawTransaction transfer = RawTransaction.createEtherTransaction(BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.valueOf(21_000), to, BigInteger.ZERO);
        String homestead = Numeric.toHexString(TransactionEncoder.signMessage(transfer, sender));
        JsonNode refused = error("eth_sendRawTransaction", "[\"" + homestead + "\"]");
        assertEquals(-32000, refused.get("code").asInt());
        assertEquals("only replay-protected (EIP-155) transactions allowed over RPC", refused.get("message").asText());

        // GoQuorum's private form: signed like Homestead, v = 37/38, the data a 64-byte payload hash.
        RawTransaction privateTx = RawTransaction.createTransaction(BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.valueOf(100_000), to, BigInteger.ZERO, "0x" + "ab".repeat(64));
        Sign.SignatureData homesteadSignature = Sign.signMessage(TransactionEncoder.encode(privateTx), sender.getEcKeyPair());
        Sign.SignatureData privateSignature = new Sign.SignatureData((byte) (homesteadSignature.getV()[0] + 10),
                homesteadSignature.getR(), homesteadSignature.getS());
        String raw = Numeric.toHexString(TransactionEncoder.encode(privateTx, privateSignature));
        JsonNode accepted = rpc.call("eth_sendRawTransaction", "[\"" + raw + "\"]");
        assertTrue(accepted.has("result"), "a private transaction is not refused as unprotected: " + accepted);

        String protectedTx = Numeric.toHexString(TransactionEncoder.signMessage(transfer, CHAIN_ID,
                Credentials.create(Keys.createEcKeyPair())));
        assertTrue(rpc.call("eth_sendRawTransaction", "[\"" + protectedTx + "\"]").has("result"));
    }

    /** A mined transaction that loops until its 3,000,000 gas run out: 750,000 steps to trace. */
    private String minedLoop() throws InterruptedException {
        String hash = rpc.result("eth_sendTransaction", "[{\"from\":\"" + DEV + "\",\"data\":\"" + LOOP
                + "\",\"gas\":\"0x2dc6c0\"}]").asText();
        assertEquals("0x0", rpc.awaitReceipt(hash).get("status").asText(), "it ran out of gas");
        return hash;
    }

    @Test
    void tracesAreBoundedInTimeAndSize() throws Exception {
        String hash = minedLoop();
        JsonNode timedOut = error("debug_traceTransaction", "[\"" + hash + "\",{\"timeout\":\"1ms\"}]");
        assertEquals(-32000, timedOut.get("code").asInt());
        assertEquals("execution timeout", timedOut.get("message").asText());

        // 750,000 struct logs of at least 90 bytes each: far past the 25 MB response limit.
        JsonNode tooLarge = error("debug_traceTransaction", "[\"" + hash + "\",{\"disableStack\":true,\"timeout\":\"60s\"}]");
        assertEquals(-32005, tooLarge.get("code").asInt(), tooLarge.toString());
        assertTrue(tooLarge.get("message").asText().startsWith("trace larger than 25000000 bytes"), tooLarge.toString());

        assertEquals(-32602, error("debug_traceTransaction", "[\"" + hash + "\",{\"timeout\":\"soon\"}]").get("code").asInt());
    }
}
