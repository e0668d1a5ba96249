package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's walkthrough as typed: GoQuorum's 7-node example ({@code bin/quorum example 7nodes}, its
 * public test keys, Raft, privacy in every node) shared by the class, driven through the JavaScript
 * console ({@code bin/quorum attach N --exec}, {@code bin/quorum runscript}) as a person types into
 * {@code geth attach}: the simplestorage contract deployed from node 1 privateFor node 7 reads 42 on
 * nodes 1 and 7 and 0 on node 4; {@code set(4)} privateFor node 7 gives 4 / 0 / 4; the transaction is
 * on every node with the payload's 64-byte hash as input and v 37/38, the payload only at the parties.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ExampleNetworkIT {
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 120));
    private static final String NODE7_KEY = "ROAZBWtSacxXQrOe3FGAqJDyJjFePR5ce4TSIzmJ0Bc=";
    /** simplestorage's ABI (public example data, as in the example's scripts). */
    private static final String ABI = "[{\"constant\":true,\"inputs\":[],\"name\":\"storedData\",\"outputs\":[{\"name\":\"\",\"type\":\"uint256\"}],"
            + "\"payable\":false,\"type\":\"function\"},{\"constant\":false,\"inputs\":[{\"name\":\"x\",\"type\":\"uint256\"}],\"name\":\"set\","
            + "\"outputs\":[],\"payable\":false,\"type\":\"function\"},{\"constant\":true,\"inputs\":[],\"name\":\"get\",\"outputs\":[{\"name\":"
            + "\"retVal\",\"type\":\"uint256\"}],\"payable\":false,\"type\":\"function\"},{\"inputs\":[{\"name\":\"initVal\",\"type\":\"uint256\"}],"
            + "\"payable\":false,\"type\":\"constructor\"}]";
    private static final Pattern MINED = Pattern.compile("Contract mined! Address: (0x[0-9a-f]{40})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static QuorumNetwork network;
    private static String privateContract;

    @BeforeAll
    static void startExample() {
        network = QuorumNetwork.startExample7Nodes(Path.of(System.getProperty("quorum.it.network.dir")));
        long rss = 0;
        for (int node = 1; node <= 7; node++) {
            long pid = network.server(node).orElseThrow(() -> new AssertionError("a node's server does not run")).pid();
            rss += residentKiB(pid);
        }
        System.out.printf("example 7nodes: resident memory of the 7 servers together %d MiB%n", rss / 1024);
        network.awaitLinked(LIMIT);
    }

    @AfterAll
    static void stopExample() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void theConsoleAnswersRaftClusterAdminPeersAndBlockNumber() {
        QuorumNetwork.await("a raft leader", LIMIT, () -> !network.result(1, "raft_leader", "[]").asText().isEmpty());
        JsonNode answer = json(exec(1, "JSON.stringify({cluster: raft.cluster, peers: admin.peers, block: eth.blockNumber,"
                + " role: raft.role, accounts: eth.accounts})"));
        assertEquals(7, answer.get("cluster").size(), answer.toString());
        assertEquals(6, answer.get("peers").size(), answer.toString());
        assertTrue(answer.get("block").isNumber(), answer.toString());
        assertEquals("0xed9d02e382b34818e88b88a309c7fe71e65f419d", answer.get("accounts").get(0).asText(),
                "node 1's account is the example's key1");
        assertEquals("\"" + NODE7_KEY + "\"", lastLine(network.output(LIMIT, "attach", "7", "--exec",
                "eth.accounts.length > 0 && \"" + NODE7_KEY + "\"")), "the console prints a string quoted");
    }

    @Test
    @Order(2)
    void theSnippetDeploysFromNode1PrivateForNode7_42On1And7_0On4() {
        long started = System.nanoTime();
        String out = network.output(LIMIT.multipliedBy(2), "runscript", script("snippet.js", """
                a = eth.accounts[0]
                web3.eth.defaultAccount = a;
                var abi = %s;
                var bytecode = "%s";
                var simpleContract = web3.eth.contract(abi);
                var simple = simpleContract.new(42, {from:web3.eth.accounts[0], data: bytecode, gas: 0x47b760, privateFor: ["%s"]}, function(e, contract) {
                	if (e) {
                		console.log("err creating contract", e);
                	} else {
                		if (!contract.address) {
                			console.log("Contract transaction send: TransactionHash: " + contract.transactionHash + " waiting to be mined...");
                		} else {
                			console.log("Contract mined! Address: " + contract.address);
                			console.log(contract);
                		}
                	}
                });
                """.formatted(ABI, bytecode(), NODE7_KEY)), "1");
        Matcher mined = MINED.matcher(out);
        assertTrue(mined.find(), out);
        long runscript = System.nanoTime() - started;
        started = System.nanoTime();
        exec(1, "1");
        long consoleAlone = System.nanoTime() - started;
        System.out.printf("example 7nodes: the snippet's deploy mined %d ms after runscript started; a console that does"
                + " nothing takes %d ms (JVM, Rhino, web3.js)%n", TimeUnit.NANOSECONDS.toMillis(runscript),
                TimeUnit.NANOSECONDS.toMillis(consoleAlone));
        assertTrue(out.contains("waiting to be mined..."), out);
        privateContract = mined.group(1);
        awaitCode(7, privateContract);
        awaitHeadOfNode1(4);
        assertEquals("42", get(1, privateContract));
        assertEquals("42", get(7, privateContract));
        assertEquals("0", get(4, privateContract));
    }

    @Test
    @Order(3)
    void setPrivateForNode7Gives4On1And7And0On4AndTheTransactionIsOnEveryNode() {
        String hash = unquote(lastLine(exec(1, at(privateContract)
                + "private.set(4,{from:eth.accounts[0],privateFor:[\"" + NODE7_KEY + "\"]})")));
        assertTrue(hash.matches("0x[0-9a-f]{64}"), hash);
        for (int node = 1; node <= 7; node++) {
            int n = node;
            QuorumNetwork.await("the receipt of " + hash + " on node " + n, LIMIT,
                    () -> !network.result(n, "eth_getTransactionReceipt", "[\"" + hash + "\"]").isNull());
        }
        assertEquals("4", get(1, privateContract));
        assertEquals("0", get(4, privateContract));
        assertEquals("4", get(7, privateContract));
        for (int node = 1; node <= 7; node++) {
            JsonNode tx = json(exec(node, "var t = eth.getTransaction(\"" + hash + "\");"
                    + " JSON.stringify({input: t.input, v: t.v, payload: eth.getQuorumPayload(t.input)})"));
            assertEquals(2 + 128, tx.get("input").asText().length(), "node " + node + ": the payload's hash as input: " + tx);
            assertTrue(List.of("0x25", "0x26").contains(tx.get("v").asText()), "node " + node + ": v 37/38: " + tx);
            String payload = tx.get("payload").asText();
            if (node == 1 || node == 7) {
                assertTrue(payload.length() > 2, "node " + node + " is a party and reads the payload: " + tx);
            } else {
                assertEquals("0x", payload, "node " + node + " is no party: no payload");
            }
        }
    }

    @Test
    @Order(4)
    void theExamplesPublicContractScriptDeploysAContractEveryNodeReads() {
        String out = network.output(LIMIT.multipliedBy(2), "runscript", "public-contract.js", "1");
        Matcher mined = MINED.matcher(out);
        assertTrue(mined.find(), out);
        awaitCode(4, mined.group(1));
        assertEquals("42", get(4, mined.group(1)));
        String privateOut = network.output(LIMIT.multipliedBy(2), "runscript", "private-contract.js", "1");
        Matcher privateMined = MINED.matcher(privateOut);
        assertTrue(privateMined.find(), privateOut);
        awaitCode(7, privateMined.group(1));
        awaitHeadOfNode1(4);
        assertEquals("42", get(7, privateMined.group(1)));
        assertNotEquals("42", get(4, privateMined.group(1)));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String exec(int node, String js) {
        return network.output(LIMIT, "attach", String.valueOf(node), "--exec", js);
    }

    private static String at(String address) {
        return "var private = eth.contract(" + ABI + ").at(\"" + address + "\"); ";
    }

    private static String get(int node, String address) {
        return lastLine(exec(node, at(address) + "private.get()"));
    }

    /** Waits until the node holds the contract's code (public, or private at a party). */
    private static void awaitCode(int node, String address) {
        QuorumNetwork.await("the contract " + address + " on node " + node, LIMIT,
                () -> network.result(node, "eth_getCode", "[\"" + address + "\", \"latest\"]").asText().length() > 2);
    }

    /** Waits until the node has imported every block node 1 has now. */
    private static void awaitHeadOfNode1(int node) {
        long head = Long.decode(network.result(1, "eth_blockNumber", "[]").asText());
        QuorumNetwork.await("node " + node + " at block " + head, LIMIT,
                () -> Long.decode(network.result(node, "eth_blockNumber", "[]").asText()) >= head);
    }

    private static String bytecode() {
        String example = QuorumNetwork.read(Path.of(System.getProperty("quorum.it.launcher", "../bin/quorum")).toAbsolutePath()
                .getParent().getParent().resolve("wildfly-config/src/main/network/examples/7nodes/private-contract.js"));
        Matcher code = Pattern.compile("var bytecode = \"(0x6060604052[0-9a-f]+)\"").matcher(example);
        assertTrue(code.find(), "the example's bytecode");
        return code.group(1);
    }

    private static String script(String name, String text) {
        try {
            Path file = network.dir.resolve(name);
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String unquote(String text) {
        return text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private static JsonNode json(String output) {
        try {
            return JSON.readTree(JSON.readTree(lastLine(output)).asText());
        } catch (IOException e) {
            throw new AssertionError("not a JSON string: " + output, e);
        }
    }

    private static long residentKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
