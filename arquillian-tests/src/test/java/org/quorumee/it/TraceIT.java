package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.Limits;
import org.quorumee.it.support.NodeDeployment;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** debug_traceTransaction's struct logs and eth_createAccessList on a tiny hand-assembled contract. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class TraceIT {
    private static final long CHAIN_ID = 10;
    /** Runtime: sstore(1, 42); mstore(0, sload(1)); return(0, 32). */
    private static final String RUNTIME = "602a60015560015460005260206000f3";
    /** Init code copying the 16-byte runtime from offset 12 and returning it. */
    private static final String DEPLOY = "0x6010600c60003960106000f3" + RUNTIME;
    private static final String SLOT_1 = "0000000000000000000000000000000000000000000000000000000000000001";
    private static final String WORD_42 = "000000000000000000000000000000000000000000000000000000000000002a";

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

    private String send(Credentials from, RawTransaction tx) {
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, CHAIN_ID, from));
        return rpc.result("eth_sendRawTransaction", "[\"" + raw + "\"]").asText();
    }

    @Test
    void tracesACallAndListsWhatItTouches() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        JsonNode deployed = rpc.awaitReceipt(send(sender, RawTransaction.createContractTransaction(BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.valueOf(200_000), BigInteger.ZERO, DEPLOY)));
        assertEquals("0x1", deployed.get("status").asText());
        String contract = deployed.get("contractAddress").asText();

        String callHash = send(sender, RawTransaction.createTransaction(BigInteger.ONE, BigInteger.ZERO,
                BigInteger.valueOf(100_000), contract, BigInteger.ZERO, ""));
        JsonNode called = rpc.awaitReceipt(callHash);
        assertEquals("0x1", called.get("status").asText());

        JsonNode trace = rpc.result("debug_traceTransaction", "[\"" + callHash + "\", {\"enableMemory\": true}]");
        assertFalse(trace.get("failed").asBoolean());
        assertEquals(Numeric.toBigInt(called.get("gasUsed").asText()).longValue(), trace.get("gas").asLong());
        assertEquals(WORD_42, trace.get("returnValue").asText());
        JsonNode logs = trace.get("structLogs");
        assertEquals(10, logs.size());
        JsonNode sstore = logs.get(2);
        assertEquals("SSTORE", sstore.get("op").asText());
        assertEquals(4, sstore.get("pc").asInt());
        assertEquals(1, sstore.get("depth").asInt());
        assertEquals(22_100, sstore.get("gasCost").asLong());
        assertEquals("[\"0x2a\",\"0x1\"]", sstore.get("stack").toString());
        assertEquals(WORD_42, sstore.get("storage").get(SLOT_1).asText());
        assertEquals(WORD_42, logs.get(7).get("memory").get(0).asText());
        assertEquals("RETURN", logs.get(9).get("op").asText());

        JsonNode withoutStack = rpc.result("debug_traceTransaction", "[\"" + callHash + "\", {\"disableStack\": true}]");
        assertFalse(withoutStack.get("structLogs").get(0).has("stack"));

        JsonNode unknown = rpc.call("debug_traceTransaction", "[\"0x" + "11".repeat(32) + "\"]");
        assertEquals(-32000, unknown.get("error").get("code").asInt(), unknown.toString());
        assertEquals("transaction not found", unknown.get("error").get("message").asText());

        JsonNode accessList = rpc.result("eth_createAccessList",
                "[{\"from\": \"" + sender.getAddress() + "\", \"to\": \"" + contract + "\"}, \"latest\"]");
        JsonNode entries = accessList.get("accessList");
        assertEquals(1, entries.size(), accessList.toString());
        assertEquals(contract, entries.get(0).get("address").asText());
        assertEquals("[\"0x" + SLOT_1 + "\"]", entries.get(0).get("storageKeys").toString());
        assertTrue(Numeric.toBigInt(accessList.get("gasUsed").asText()).longValue() > 21_000);
    }
}
