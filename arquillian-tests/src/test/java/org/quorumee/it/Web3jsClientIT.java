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
 * web3.js as real clients of an idle node ({@code src/test/js/web3-client.mjs}): version 4 and
 * version 1, each over HTTP and over WebSocket, send a transaction from a fresh account and wait for
 * its receipt the library's own way, three rounds each, every round starting on an idle chain. Every
 * wait must return with a successful receipt (each client gives up after 30 s).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class Web3jsClientIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    @Test
    void everyWeb3jsReceiptWaitReturnsOnAnIdleNode() throws Exception {
        JsonNode summary = ClientScript.run("web3-client.mjs", URI.create(baseUrl.toString()).resolve("/"));
        JsonNode waits = summary.path("idleWaits");
        assertEquals(4, waits.size(), summary.toString());
        for (JsonNode client : waits) {
            assertEquals(client.path("rounds").asInt(), client.path("confirmed").asInt(),
                    "every receipt wait of " + client.path("client").asText() + " returned a successful receipt: " + client);
        }
        System.out.println("web3.js idle waits: " + waits);
    }
}
