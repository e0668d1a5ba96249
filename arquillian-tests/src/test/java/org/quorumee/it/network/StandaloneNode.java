package org.quorumee.it.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node as a standalone WildFly server outside the network's domain (as bin/quorum starts a
 * standalone node): the tests use it for a server that is not permissioned.
 */
final class StandaloneNode implements AutoCloseable {
    private final Path dir;
    private Process process;

    StandaloneNode(Path dir) {
        this.dir = dir;
    }

    /** Starts the server; {@code offset} shifts WildFly's ports, {@code rpcPort}/{@code peerPort} are absolute. */
    void start(int offset, int rpcPort, int peerPort) {
        Path home = Path.of(System.getProperty("quorum.wildfly.home"));
        Path base = dir.resolve("server");
        try {
            Files.createDirectories(base.resolve("configuration"));
            Files.createDirectories(base.resolve("deployments"));
            Files.createDirectories(base.resolve("log"));
            for (String file : List.of("standalone-quorum.xml", "logging.properties", "mgmt-users.properties",
                    "mgmt-groups.properties", "application-users.properties", "application-roles.properties")) {
                Files.copy(home.resolve("standalone/configuration/" + file), base.resolve("configuration/" + file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Path template = Path.of(System.getProperty("quorum.it.network.template"));
            Files.copy(template.resolve("genesis.json"), dir.resolve("genesis.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(Path.of(System.getProperty("quorum.ear")), base.resolve("deployments/quorum.ear"),
                    StandardCopyOption.REPLACE_EXISTING);
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                    "-c", "standalone-quorum.xml",
                    "-Djboss.server.base.dir=" + base,
                    "-Djboss.socket.binding.port-offset=" + offset,
                    "-Djboss.http.port=" + (rpcPort - offset),
                    "-Dquorum.node.dir=" + dir,
                    "-Dquorum.node.name=" + dir.getFileName(),
                    "-Dquorum.peer.port=" + peerPort,
                    "-Dquorum.tls.password=" + QuorumNetwork.read(dir.resolve("tls/password"))));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(base.resolve("log/console.log").toFile());
            builder.environment().put("JBOSS_HOME", home.toString());
            builder.environment().put("JBOSS_JAVA_SIZING", "-Xms128m -Xmx768m -Xss8m " + QuorumNetwork.SERVER_JAVA_OPTS);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server of " + dir, e);
        }
    }

    Path log() {
        return dir.resolve("server/log/server.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        // standalone.sh runs java as its child: stop both, and wait for every one of them.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                handle.destroyForcibly();
            }
        }
    }
}
