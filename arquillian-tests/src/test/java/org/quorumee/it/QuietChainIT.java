package org.quorumee.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.quorumee.it.support.JsonRpcClient;
import org.quorumee.it.support.NodeDeployment;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Clients that wait for a receipt never hang on an idle node: after a block that carried
 * transactions the node makes one empty block (quorum.emptyBlockAfterMillis, 1 s by default), then
 * stays quiet. The race of ethers' {@code tx.wait()} is reproduced deterministically: the client
 * reads the head only after its transaction was mined, then waits for a later block.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QuietChainIT {
    private static final long CHAIN_ID = 10;
    /** Far longer than the follow-up delay: a limit that fails loudly, not a timing expectation. */
    private static final long WAIT_SECONDS = 20;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return NodeDeployment.ear();
    }

    @ArquillianResource
    URL baseUrl;

    private URI node;
    private JsonRpcClient rpc;

    @BeforeEach
    void client() {
        node = URI.create(baseUrl.toString()).resolve("/");
        rpc = new JsonRpcClient(node);
    }

    private long head() {
        return Numeric.toBigInt(rpc.result("eth_blockNumber", "[]").asText()).longValueExact();
    }

    private String transfer(Credentials sender) throws Exception {
        RawTransaction tx = RawTransaction.createEtherTransaction(BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(21_000),
                Credentials.create(Keys.createEcKeyPair()).getAddress(), BigInteger.ZERO);
        return rpc.result("eth_sendRawTransaction", "[\"" + Numeric.toHexString(TransactionEncoder.signMessage(tx, CHAIN_ID, sender))
                + "\"]").asText();
    }

    /** The first block after {@code after}, polled every 100 ms; fails after {@link #WAIT_SECONDS}. */
    private long awaitBlockAfter(long after) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            long head = head();
            if (head > after) {
                return head;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no block after " + after + " within " + WAIT_SECONDS + " s: a waiting client would hang");
    }

    @Test
    void aClientThatReadsTheHeadAfterItsTransactionWasMinedStillSeesALaterBlock() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        JsonNode receipt = rpc.awaitReceipt(transfer(sender));
        long minedIn = Numeric.toBigInt(receipt.get("blockNumber").asText()).longValueExact();
        // The trap: the client's starting point is the very head that holds its transaction.
        long start = head();
        assertTrue(start >= minedIn);
        long next = awaitBlockAfter(start);
        JsonNode block = rpc.result("eth_getBlockByNumber", "[\"" + Numeric.encodeQuantity(BigInteger.valueOf(next)) + "\",false]");
        if (start == minedIn) {
            assertEquals(0, block.get("transactions").size(), "the follow-up block is empty");
        }
    }

    @Test
    void afterItsFollowUpBlockAnIdleChainStaysQuiet() throws Exception {
        Credentials sender = Credentials.create(Keys.createEcKeyPair());
        long minedIn = Numeric.toBigInt(rpc.awaitReceipt(transfer(sender)).get("blockNumber").asText()).longValueExact();
        long followUp = awaitBlockAfter(minedIn);
        assertEquals(minedIn + 1, followUp, "exactly one block after the transaction's");
        assertEquals(0, rpc.result("eth_getBlockByNumber", "[\"" + Numeric.encodeQuantity(BigInteger.valueOf(followUp))
                + "\",false]").get("transactions").size());
        // Three follow-up delays later there is still no other block: one empty block per burst, not a clock.
        Thread.sleep(3_000);
        assertEquals(followUp, head(), "an idle chain makes no more empty blocks");
    }

    @Test
    void web3jsPollingReceiptProcessorGetsTheReceiptOnAnIdleNode() throws Exception {
        Web3j web3j = Web3j.build(new HttpService(node.toString()));
        try {
            Credentials sender = Credentials.create(Keys.createEcKeyPair());
            String hash = transfer(sender);
            TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 100, (int) (WAIT_SECONDS * 10))
                    .waitForTransactionReceipt(hash);
            assertEquals("0x1", receipt.getStatus());
            assertEquals(hash, receipt.getTransactionHash());
        } finally {
            web3j.shutdown();
        }
    }
}
