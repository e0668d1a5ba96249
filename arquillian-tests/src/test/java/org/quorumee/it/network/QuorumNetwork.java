package org.quorumee.it.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.quorumee.it.support.JsonRpcClient;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * A network of nodes started the way a person starts one: {@code bin/quorum up --nodes N} (one WildFly
 * domain), in a folder of the build, on the ports the build gives (system properties
 * {@code quorum.it.network.rpc.port}, {@code .peer.port}, {@code .port.shift}); stopped with
 * {@code bin/quorum down}. Nodes are reached over JSON-RPC and over JMX (the domain's JMX user).
 */
public final class QuorumNetwork implements AutoCloseable {
    /** The chain id of the launcher's genesis. */
    public static final long CHAIN_ID = 10;
    public final Path dir;
    public final int nodes;
    public final int rpcPort;
    public final int peerPort;
    public final int portShift;
    private final Path launcher;
    private final Map<Integer, JMXConnector> jmx = new HashMap<>();
    /** Variables added to the environment of bin/quorum (and so of the servers it starts). */
    public final Map<String, String> environment = new HashMap<>();
    /**
     * JVM options of the servers the tests start: the client compiler only, because on 2 cores four
     * to seven servers booting at once are CPU-bound and the tests' light load never needs C2's code.
     */
    static final String SERVER_JAVA_OPTS = System.getProperty("quorum.it.server.java.opts", "-XX:TieredStopAtLevel=1");

    private QuorumNetwork(Path dir, int nodes) {
        this.dir = dir;
        this.nodes = nodes;
        this.rpcPort = Integer.getInteger("quorum.it.network.rpc.port", 25000);
        this.peerPort = Integer.getInteger("quorum.it.network.peer.port", 26000);
        this.portShift = Integer.getInteger("quorum.it.network.port.shift", 5000);
        this.launcher = Path.of(System.getProperty("quorum.it.launcher", "../bin/quorum")).toAbsolutePath().normalize();
    }

    /**
     * Starts a fresh network of {@code nodes} nodes in {@code dir} (whatever was there is removed);
     * {@code upOptions} go to {@code bin/quorum up} as given (e.g. {@code --consensus raft}).
     */
    public static QuorumNetwork start(Path dir, int nodes, String... upOptions) {
        return start(dir, nodes, network -> { }, upOptions);
    }

    /**
     * As {@link #start(Path, int, String...)}, with {@code prepare} run on the empty folder before the
     * first {@code up}: it may lay files in node folders (a {@code node.properties}, keys made
     * beforehand) and set {@link #environment} for the launcher and the servers it starts.
     */
    public static QuorumNetwork start(Path dir, int nodes, java.util.function.Consumer<QuorumNetwork> prepare,
            String... upOptions) {
        deleteTree(dir);
        QuorumNetwork network = new QuorumNetwork(dir, nodes);
        prepare.accept(network);
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("up", "--nodes", String.valueOf(nodes), "--rpc-port",
                String.valueOf(network.rpcPort), "--peer-port", String.valueOf(network.peerPort), "--port-shift",
                String.valueOf(network.portShift)));
        args.addAll(List.of(upOptions));
        network.launch(args.toArray(String[]::new));
        System.out.printf("network of %d nodes up in %d ms%n", nodes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return network;
    }

    /** Starts GoQuorum's 7-node example ({@code bin/quorum example 7nodes}) fresh in {@code dir}. */
    public static QuorumNetwork startExample7Nodes(Path dir) {
        deleteTree(dir);
        QuorumNetwork network = new QuorumNetwork(dir, 7);
        long started = System.nanoTime();
        network.launch("example", "7nodes", "--rpc-port", String.valueOf(network.rpcPort), "--peer-port",
                String.valueOf(network.peerPort), "--port-shift", String.valueOf(network.portShift));
        System.out.printf("example 7nodes: every node answered %d ms after bin/quorum example 7nodes%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return network;
    }

    /**
     * Runs {@code bin/quorum} with this network's folder and returns what it printed (stdout and
     * stderr), failing when it does not exit 0 within {@code limit}.
     */
    public String output(Duration limit, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("QUORUM_NETWORK_DIR", dir.toString());
        builder.environment().putAll(environment);
        try {
            Path log = Files.createTempFile("quorum-output", ".txt");
            try {
                Process process = builder.redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
                process.getOutputStream().close();
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("bin/quorum " + String.join(" ", args) + " did not finish in " + limit.toSeconds()
                            + " s: " + Files.readString(log));
                }
                String text = Files.readString(log, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError("bin/quorum " + String.join(" ", args) + " failed: exit " + process.exitValue()
                            + "\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonRpcClient rpc(int node) {
        return new JsonRpcClient(URI.create("http://127.0.0.1:" + (rpcPort + node - 1) + "/"));
    }

    public Path nodeDir(int node) {
        return dir.resolve("node" + node);
    }

    public String enode(int node) {
        return read(nodeDir(node).resolve("enode"));
    }

    public String nodeId(int node) {
        String enode = enode(node);
        return enode.substring("enode://".length(), enode.indexOf('@'));
    }

    /** The node's MBean server through WildFly's remote JMX (on a domain server's HTTP port). */
    public synchronized MBeanServerConnection jmx(int node) {
        try {
            JMXConnector connector = jmx.get(node);
            if (connector == null) {
                Map<String, Object> env = new HashMap<>();
                env.put(JMXConnector.CREDENTIALS, new String[] {"quorum-jmx", read(dir.resolve("domain/jmx-password"))});
                connector = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:remote+http://127.0.0.1:"
                        + (rpcPort + node - 1)), env);
                jmx.put(node, connector);
            }
            return connector.getMBeanServerConnection();
        } catch (IOException e) {
            throw new UncheckedIOException("no JMX on node " + node, e);
        }
    }

    public Object attribute(int node, String objectName, String attribute) {
        try {
            return jmx(node).getAttribute(new ObjectName(objectName), attribute);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + objectName + " " + attribute + " on node " + node, e);
        }
    }

    public Object invoke(int node, String objectName, String operation, String argument) {
        try {
            return jmx(node).invoke(new ObjectName(objectName), operation, new Object[] {argument},
                    new String[] {String.class.getName()});
        } catch (Exception e) {
            throw new IllegalStateException("cannot invoke " + objectName + " " + operation + " on node " + node, e);
        }
    }

    /** The server process of a node of this network's domain, if it runs. */
    public java.util.Optional<ProcessHandle> server(int node) {
        String marker = "-D[Server:node" + node + "]";
        String base = dir.resolve("domain").toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains(marker) && line.contains(base)).orElse(false)).findFirst();
    }

    /** Kills a node's server at once (SIGKILL): no shutdown, as a crash or a pulled plug. */
    public void kill(int node) {
        ProcessHandle server = server(node).orElseThrow(() -> new AssertionError("node " + node + " does not run"));
        server.destroyForcibly();
        await("node " + node + " gone", Duration.ofSeconds(60), () -> !server.isAlive());
    }

    /** The JSON-RPC result of a call, failing on an error answer. */
    public JsonNode result(int node, String method, String params) {
        JsonNode answer = rpc(node).call(method, params);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " on node " + node + ": " + answer.get("error"));
        }
        return answer.get("result");
    }

    /** Waits until every node links to all the others ({@code net_peerCount}). */
    public void awaitLinked(Duration limit) {
        String all = "0x" + Integer.toHexString(nodes - 1);
        for (int node = 1; node <= nodes; node++) {
            int n = node;
            await("node " + n + " linked to its " + (nodes - 1) + " peers", limit,
                    () -> result(n, "net_peerCount", "[]").asText().equals(all));
        }
    }

    /** A key nobody has used: at gas price 0 (Quorum's default) it sends zero-value transfers unfunded. */
    public static Credentials freshKey() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zero-value transfer at gas price 0, signed for the launcher's chain (id 10). */
    public static String signedTransfer(Credentials sender, long nonce) {
        RawTransaction tx = RawTransaction.createEtherTransaction(BigInteger.valueOf(nonce), BigInteger.ZERO,
                BigInteger.valueOf(21_000), "0x000000000000000000000000000000000000dead", BigInteger.ZERO);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, CHAIN_ID, sender));
    }

    /** Sends {@link #signedTransfer} to a node; its hash. */
    public String sendTransfer(int node, Credentials sender, long nonce) {
        return result(node, "eth_sendRawTransaction", "[\"" + signedTransfer(sender, nonce) + "\"]").asText();
    }


    /** Waits until {@code condition} holds, failing loudly with {@code what} after {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * {@link #await}, and when it fails the error also says where each node stands ({@link #describe}):
     * a network test that times out tells which node lagged and what it logged, even from a CI console.
     */
    public void awaitOrDescribe(String what, Duration limit, BooleanSupplier condition) {
        try {
            await(what, limit, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + describe(), e);
        }
    }

    /** Each node's head, peer count and last warnings (from its server log; the logs go with the next network). */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (int node = 1; node <= nodes; node++) {
            out.append("node ").append(node).append(": ");
            try {
                JsonNode head = result(node, "eth_getBlockByNumber", "[\"latest\", false]");
                out.append("head ").append(Long.decode(head.get("number").asText())).append(' ')
                        .append(head.get("hash").asText(), 0, 14).append("..., peers ")
                        .append(Long.decode(result(node, "net_peerCount", "[]").asText()));
            } catch (RuntimeException e) {
                out.append("no answer (").append(e.getMessage()).append(')');
            }
            out.append('\n');
            Path log = dir.resolve("domain/servers/node" + node + "/log/server.log");
            if (Files.exists(log)) {
                try (java.util.stream.Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    List<String> warnings = lines.filter(line -> line.contains(" WARN") || line.contains(" SEVERE")
                            || line.contains(" ERROR")).toList();
                    warnings.subList(Math.max(0, warnings.size() - 12), warnings.size())
                            .forEach(line -> out.append("    ").append(line, 0, Math.min(line.length(), 400)).append('\n'));
                } catch (IOException | UncheckedIOException e) {
                    out.append("    (log unreadable: ").append(e.getMessage()).append(")\n");
                }
            }
        }
        return out.toString();
    }

    /** Runs bin/quorum with this network's folder; its output goes to the test's output. */
    public void launch(String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).inheritIO();
        builder.environment().put("QUORUM_NETWORK_DIR", dir.toString());
        builder.environment().put("QUORUM_START_TIMEOUT", System.getProperty("quorum.it.network.start.timeout", "900"));
        builder.environment().put("QUORUM_JAVA_OPTS", SERVER_JAVA_OPTS);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("bin/quorum " + String.join(" ", args) + " did not finish in 20 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("bin/quorum " + String.join(" ", args) + " failed: exit " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (JMXConnector connector : jmx.values()) {
            try {
                connector.close();
            } catch (IOException e) {
                // the servers go down next
            }
        }
        jmx.clear();
        launch("down");
    }

    /** A number as one 32-byte ABI word, 0x-prefixed. */
    static String abiWord(long value) {
        String hex = Long.toHexString(value);
        return "0x" + "0".repeat(64 - hex.length()) + hex;
    }

    /** A text file, trimmed. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
