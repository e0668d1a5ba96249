package org.quorumee.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quorumee.it.support.ResetDatabase;

/**
 * Private transactions where the stores differ: node 2's enclave key is wrapped by an AES key in a
 * SoftHSM2 token (PKCS#11), node 4 keeps its chain and payloads in PostgreSQL, nodes 1 and 3 use H2
 * and key files (each node's {@code node.properties}, written before the first {@code up}).
 * SimpleStorage(42) from node 1 private for nodes 2 and 4, then set(7) from node 2 private for
 * nodes 1 and 4: nodes 1, 2 and 4 read 42 then 7; node 3 has no such contract.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class PrivateStoresNetworkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("quorum.it.network.wait.seconds", 120));
    private static final String GET = "0x6d4ce63c";
    private static final String SET = "0x60fe47b1";
    private static final String SOFTHSM_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String DATABASE = "privacy_it_node4";

    private static QuorumNetwork network;
    private static final String[] tmKey = new String[5];

    @BeforeAll
    static void startNetwork() {
        network = QuorumNetwork.start(Path.of(System.getProperty("quorum.it.network.dir")), 4, network -> {
            enclaveKeyInSoftHsm(network, 2);
            databaseInPostgres(network, 4);
        }, "--consensus", "single");
        network.awaitLinked(LIMIT);
        for (int node = 1; node <= 4; node++) {
            tmKey[node] = QuorumNetwork.read(network.nodeDir(node).resolve("tm/tm.pub"));
        }
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aContractSharedByAnHsmNodeAndAPostgresNodeAndItsUpdate() throws Exception {
        assertTrue(QuorumNetwork.read(network.nodeDir(2).resolve("tm/tm.key")).contains("pkcs11"), "node 2's key file is wrapped");
        assertTrue(QuorumNetwork.read(network.dir.resolve("domain/servers/node2/log/server.log")).contains("(PKCS#11-wrapped)"),
                "node 2 opened its key through the token");
        String account = network.result(1, "eth_accounts", "[]").get(0).asText();
        String init;
        try (var in = getClass().getResourceAsStream("/contracts/SimpleStorage.json")) {
            init = JSON.readTree(in).get("bin").asText() + QuorumNetwork.abiWord(42).substring(2);
        }
        String deploy = network.result(1, "eth_sendTransaction", "[{\"from\":\"" + account + "\",\"gas\":\"0x200000\","
                + "\"gasPrice\":\"0x0\",\"data\":\"" + init + "\",\"privateFor\":[\"" + tmKey[2] + "\",\"" + tmKey[4] + "\"]}]")
                .asText();
        String contract = awaitEverywhere(deploy).get("contractAddress").asText();
        assertValue(contract, 42);

        // node 2 seals with its wrapped key; the same dev account, so its nonce follows node 1's deploy
        String update = network.result(2, "eth_sendTransaction", "[{\"from\":\"" + account + "\",\"to\":\"" + contract
                + "\",\"gas\":\"0x100000\",\"gasPrice\":\"0x0\",\"data\":\"" + SET + QuorumNetwork.abiWord(7).substring(2)
                + "\",\"privateFor\":[\"" + tmKey[1] + "\",\"" + tmKey[4] + "\"]}]").asText();
        awaitEverywhere(update);
        assertValue(contract, 7);
        String input = network.result(3, "eth_getTransactionByHash", "[\"" + update + "\"]").get("input").asText();
        assertEquals("0x", network.result(3, "eth_getQuorumPayload", "[\"" + input + "\"]").asText());
        assertEquals(SET + QuorumNetwork.abiWord(7).substring(2), network.result(4, "eth_getQuorumPayload", "[\"" + input + "\"]").asText());
    }

    private static JsonNode awaitEverywhere(String hash) {
        for (int node = 1; node <= 4; node++) {
            int n = node;
            QuorumNetwork.await("node " + n + " has the receipt of " + hash, LIMIT,
                    () -> !network.result(n, "eth_getTransactionReceipt", "[\"" + hash + "\"]").isNull());
        }
        JsonNode receipt = network.result(1, "eth_getTransactionReceipt", "[\"" + hash + "\"]");
        assertEquals("0x1", receipt.get("status").asText());
        return receipt;
    }

    private static void assertValue(String contract, long value) {
        for (int node = 1; node <= 4; node++) {
            String code = network.result(node, "eth_getCode", "[\"" + contract + "\",\"latest\"]").asText();
            String read = network.result(node, "eth_call", "[{\"to\":\"" + contract + "\",\"data\":\"" + GET + "\"},\"latest\"]")
                    .asText();
            if (node == 3) {
                assertEquals("0x", code, "node 3 has no such contract");
                assertEquals("0x", read);
            } else {
                assertNotEquals("0x", code, "node " + node + " has the contract's code");
                assertEquals(QuorumNetwork.abiWord(value), read, "node " + node + " reads " + value);
            }
        }
    }

    /**
     * A SoftHSM2 token of the network's own, node {@code index}'s tm pair made beforehand with its
     * private key wrapped by the token (KeyGenerator --pkcs11, the launcher's tools classpath), and the
     * node told where the token is. SOFTHSM2_CONF goes to the servers' environment.
     */
    private static void enclaveKeyInSoftHsm(QuorumNetwork network, int index) {
        try {
            Path hsm = Files.createDirectories(network.dir.resolve("softhsm"));
            Path tokens = Files.createDirectories(hsm.resolve("tokens"));
            Path conf = hsm.resolve("softhsm2.conf");
            Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            network.environment.put("SOFTHSM2_CONF", conf.toString());
            run(List.of("softhsm2-util", "--init-token", "--free", "--label", "quorum-privacy-it", "--so-pin", "5678",
                    "--pin", "1234"), conf);
            Path pin = hsm.resolve("user.pin");
            Files.writeString(pin, "1234\n");
            Path root = Path.of(System.getProperty("quorum.it.launcher")).toAbsolutePath().getParent().getParent();
            Path tools = root.resolve("wildfly-config/network-tools/target");
            String classpath = tools.resolve("network-tools.jar") + ":" + QuorumNetwork.read(tools.resolve("classpath.txt"));
            Path nodeDir = Files.createDirectories(network.nodeDir(index));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "-Dquorum.tm.pkcs11.library=" + SOFTHSM_LIBRARY, "-Dquorum.tm.pkcs11.pinFile=" + pin,
                    "org.quorumee.node.privacy.keys.KeyGenerator", "--pkcs11", nodeDir.resolve("tm").toString(), "tm"));
            run(command, conf);
            Files.writeString(nodeDir.resolve("node.properties"), "# enclave key wrapped by the SoftHSM2 token\n"
                    + "quorum.tm.pkcs11.library=" + SOFTHSM_LIBRARY + "\nquorum.tm.pkcs11.pinFile=" + pin + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Node {@code index} on its own empty PostgreSQL database (the ITs' server). */
    private static void databaseInPostgres(QuorumNetwork network, int index) {
        String url = System.getProperty("quorum.it.db.url");
        String user = System.getProperty("quorum.it.db.user");
        String password = System.getProperty("quorum.it.db.password");
        String server = url.substring(0, url.lastIndexOf('/') + 1);
        try {
            ResetDatabase.main(new String[] {server + "postgres", DATABASE, user, password});
            Path nodeDir = Files.createDirectories(network.nodeDir(index));
            Files.writeString(nodeDir.resolve("node.properties"), "quorum.db.driver=postgresql\nquorum.db.url=" + server + DATABASE
                    + "\nquorum.db.user=" + user + "\nquorum.db.password=" + password + "\n");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot make the database " + DATABASE + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Path softhsmConf) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within 120 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
