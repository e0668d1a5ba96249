package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.ClientScript;
import org.quorumee.it.support.Limits;
import org.quorumee.it.support.NodeDeployment;

/**
 * Real JavaScript clients of the node under Node.js (scripts in {@code src/test/js}). A method a
 * script needs that the node lacks fails it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class JavaScriptClientsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    /**
     * ethers v6 ({@code ethers-client.mjs}) deploys SimpleStorage and QuorumToken from a fresh Wallet
     * (gas price 0), calls them, reads their events, and prints a summary that this test checks; then
     * it waits with {@code tx.wait()} on an idle node, four times with ethers' cache off and four with
     * it on, polling every 100 ms (each wait must return).
     */
    @Test
    void ethersDeploysAndUsesTheContracts() throws Exception {
        ClientScript.assertEthersSummary(ClientScript.run(node()));
    }

    /**
     * web3.js 4 and 1 ({@code web3-client.mjs}), each over HTTP and over WebSocket, send a transaction
     * from a fresh account and wait for its receipt the library's own way, three rounds each, every
     * round starting on an idle chain; every wait must return a successful receipt (each client gives
     * up after 30 s).
     */
    @Test
    void everyWeb3jsReceiptWaitReturnsOnAnIdleNode() throws Exception {
        JsonNode waits = ClientScript.run("web3-client.mjs", node()).path("idleWaits");
        assertEquals(4, waits.size(), waits.toString());
        for (JsonNode client : waits) {
            assertEquals(client.path("rounds").asInt(), client.path("confirmed").asInt(),
                    "every receipt wait of " + client.path("client").asText() + " returned a successful receipt: " + client);
        }
        System.out.println("web3.js idle waits: " + waits);
    }

    private URI node() {
        return URI.create(baseUrl.toString()).resolve("/");
    }
}
