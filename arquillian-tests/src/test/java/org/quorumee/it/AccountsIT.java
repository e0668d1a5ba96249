package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Node-managed accounts (personal_*, eth_accounts, eth_sign), checked with web3j: what the node signs
 * recovers to the account's address as any Ethereum client computes it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class AccountsIT {
    /** The default network's funded account, unlocked at start (wildfly-config/src/main/network). */
    private static final String DEV_ACCOUNT = "0xeff92eb5856df59f8e0ba5fd9ab80ecdb3ae5fcf";

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

    /** The address web3j recovers from an eth_sign signature over {@code message}. */
    private static String signer(String signatureHex, byte[] message) throws Exception {
        byte[] signature = Numeric.hexStringToByteArray(signatureHex);
        assertEquals(65, signature.length);
        Sign.SignatureData data = new Sign.SignatureData(signature[64],
                Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
        BigInteger publicKey = Sign.signedPrefixedMessageToKey(message, data);
        return "0x" + Keys.getAddress(publicKey);
    }

    private String sign(String account, byte[] message) {
        return rpc.result("eth_sign", "[\"" + account + "\",\"" + Numeric.toHexString(message) + "\"]").asText();
    }

    private JsonNode error(String method, String params) {
        JsonNode response = rpc.call(method, params);
        assertTrue(response.has("error"), method + " should fail: " + response);
        return response.get("error");
    }

    @Test
    void theDevAccountIsListedAndUnlockedAtStart() throws Exception {
        JsonNode accounts = rpc.result("eth_accounts", "[]");
        assertTrue(accounts.toString().contains(DEV_ACCOUNT), accounts.toString());
        byte[] message = "hello quorum".getBytes(StandardCharsets.UTF_8);
        assertEquals(DEV_ACCOUNT, signer(sign(DEV_ACCOUNT, message), message));
    }

    @Test
    void newAccountsSignOnlyWhileUnlocked() throws Exception {
        String account = rpc.result("personal_newAccount", "[\"s3cret\"]").asText();
        assertTrue(rpc.result("personal_listAccounts", "[]").toString().contains(account));
        byte[] message = {1, 2, 3};

        JsonNode locked = error("eth_sign", "[\"" + account + "\",\"0x010203\"]");
        assertEquals(-32000, locked.get("code").asInt());
        assertEquals("authentication needed: password or unlock", locked.get("message").asText());

        JsonNode wrong = error("personal_unlockAccount", "[\"" + account + "\",\"nope\",60]");
        assertEquals("could not decrypt key with given password", wrong.get("message").asText());

        assertTrue(rpc.result("personal_unlockAccount", "[\"" + account + "\",\"s3cret\",60]").asBoolean());
        assertEquals(account, signer(sign(account, message), message));

        assertTrue(rpc.result("personal_lockAccount", "[\"" + account + "\"]").asBoolean());
        assertEquals(-32000, error("eth_sign", "[\"" + account + "\",\"0x010203\"]").get("code").asInt());
    }

    @Test
    void importedKeysHaveTheAddressEveryClientComputes() {
        String key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        String expected = Credentials.create(key).getAddress();
        assertEquals(expected, rpc.result("personal_importRawKey", "[\"" + key + "\",\"pw\"]").asText());
        assertEquals("account already exists",
                error("personal_importRawKey", "[\"" + key + "\",\"pw\"]").get("message").asText());
    }

    @Test
    void unknownAccountsAndBadAddresses() {
        assertEquals("no key for given address or file",
                error("personal_unlockAccount", "[\"0x0000000000000000000000000000000000000001\",\"x\",1]").get("message").asText());
        assertEquals(-32602, error("eth_sign", "[\"0x1234\",\"0x00\"]").get("code").asInt());
    }
}
