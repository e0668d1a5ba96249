package org.quorumee.it;

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
 * ethers v6 under Node.js as a real client of the node: {@code src/test/js/ethers-client.mjs} deploys
 * SimpleStorage and QuorumToken from a fresh Wallet (gas price 0), calls them, reads their events, and
 * prints a summary that this test checks; then it waits with {@code tx.wait()} on an idle node, four
 * times with ethers' cache off and four with it on, polling every 100 ms (each wait must return). A
 * method the script needs that the node lacks fails it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class EthersClientIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    @Test
    void ethersDeploysAndUsesTheContracts() throws Exception {
        URI node = URI.create(baseUrl.toString()).resolve("/");
        ClientScript.assertEthersSummary(ClientScript.run(node));
    }
}
