package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.Limits;
import org.quorumee.it.support.NodeDeployment;
import org.quorumee.it.support.Web3jContractScenario;

/**
 * web3j deploys and uses the test contracts (see {@link Web3jContractScenario}), then the server
 * restarts — same PostgreSQL database, same node folder — and everything is read back unchanged.
 *
 * <p>The restart needs a container the test controls: this class runs in its own Failsafe execution
 * with {@code arquillian.launch=restartable-node} (a manual-mode container in arquillian.xml), after
 * the other ITs' suite container has stopped. (So do not name it in {@code -Dit.test}: that would bring
 * it into the suite execution, which lacks its container.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = Limits.TEST_MINUTES, unit = TimeUnit.MINUTES)
class Web3jContractsIT {
    private static final String CONTAINER = "restartable-node";
    private static final String DEPLOYMENT = "quorum";
    private static final URI NODE = URI.create(System.getProperty("quorum.it.rpc.url", "http://127.0.0.1:8080/"));

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Test
    void contractsSurviveARestart() throws Exception {
        controller.start(CONTAINER);
        try {
            deployer.deploy(DEPLOYMENT);
            Web3jContractScenario.Snapshot contracts = Web3jContractScenario.exercise(NODE);
            JsonNode head = headBlock();

            // The deployment is kept in the server's configuration, so the node comes back with it.
            controller.stop(CONTAINER);
            controller.start(CONTAINER);
            awaitNode();

            JsonNode sameBlock = new JsonRpcClient(NODE).result("eth_getBlockByNumber",
                    "[\"" + head.get("number").asText() + "\",false]");
            assertEquals(head, sameBlock, "the head block before the restart, read after it");
            Web3jContractScenario.assertReadsBack(NODE, contracts);
        } finally {
            try {
                deployer.undeploy(DEPLOYMENT);
            } finally {
                controller.stop(CONTAINER);
            }
        }
    }

    /** The server reports started once its deployments are processed; this waits for the RPC too. */
    private static void awaitNode() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Limits.WAIT_SECONDS);
        while (true) {
            try {
                new JsonRpcClient(NODE).result("eth_blockNumber", "[]");
                return;
            } catch (RuntimeException | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the node does not answer " + Limits.WAIT_SECONDS + " s after the restart", e);
                }
                Thread.sleep(500);
            }
        }
    }

    private static JsonNode headBlock() {
        return new JsonRpcClient(NODE).result("eth_getBlockByNumber", "[\"latest\",false]");
    }
}
