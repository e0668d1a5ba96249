package org.quorumee.network;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.quorumee.core.peer.EnodeUrl;

/**
 * The JMX client behind {@code bin/quorum permission}: lists, adds or removes a permissioned node on
 * one or more nodes through their {@code org.quorumee:type=Permissions} MXBean, over WildFly's remote
 * JMX ({@code service:jmx:remote+http://host:port}; the server's local authentication when the
 * client runs on the same machine as the same user, else {@code --user} and a file holding the
 * password, {@code --password-file}, so that it never shows in a process list).
 *
 * <pre>PermissionTool --jmx NAME=URL [--jmx NAME=URL ...] [--user U --password-file F] list | add ENODE | remove ENODE</pre>
 * The jboss-client jar of the server ({@code bin/client/jboss-client.jar}) must be on the classpath:
 * it provides the {@code remote+http} JMX protocol.
 */
public final class PermissionTool {
    static final String PERMISSIONS = "org.quorumee:type=Permissions";

    private PermissionTool() {
    }

    public static void main(String[] args) {
        Map<String, String> targets = new java.util.LinkedHashMap<>();
        String user = null;
        String password = null;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jmx" -> {
                    String value = args[++i];
                    int eq = value.indexOf('=');
                    targets.put(eq < 0 ? value : value.substring(0, eq), eq < 0 ? value : value.substring(eq + 1));
                }
                case "--user" -> user = args[++i];
                case "--password-file" -> {
                    try {
                        password = java.nio.file.Files.readString(java.nio.file.Path.of(args[++i])).trim();
                    } catch (IOException e) {
                        System.err.println("permission: cannot read the password file: " + e.getMessage());
                        System.exit(2);
                    }
                }
                default -> command.add(args[i]);
            }
        }
        if (targets.isEmpty() || command.isEmpty() || !List.of("list", "add", "remove").contains(command.get(0))
                || (command.get(0).equals("list") ? command.size() != 1 : command.size() != 2)) {
            System.err.println("usage: PermissionTool --jmx NAME=URL [...] list | add ENODE | remove ENODE");
            System.exit(2);
        }
        if (command.size() == 2) {
            try {
                EnodeUrl.parse(command.get(1));
            } catch (IllegalArgumentException e) {
                System.err.println("permission: " + e.getMessage());
                System.exit(2);
            }
        }
        int failures = 0;
        for (Map.Entry<String, String> target : targets.entrySet()) {
            try {
                System.out.print(run(target.getKey(), target.getValue(), user, password, command));
            } catch (Exception e) {
                failures++;
                System.err.println(target.getKey() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static String run(String name, String url, String user, String password, List<String> command)
            throws Exception {
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password == null ? "" : password});
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url), env)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName permissions = new ObjectName(PERMISSIONS);
            StringBuilder out = new StringBuilder();
            switch (command.get(0)) {
                case "list" -> {
                    String[] permitted = (String[]) server.getAttribute(permissions, "Permitted");
                    String[] disallowed = (String[]) server.getAttribute(permissions, "Disallowed");
                    out.append(name).append(": ").append(permitted.length).append(" permissioned, ")
                            .append(disallowed.length).append(" disallowed\n");
                    for (String enode : permitted) {
                        out.append("  permitted  ").append(enode).append('\n');
                    }
                    for (String enode : disallowed) {
                        out.append("  disallowed ").append(enode).append('\n');
                    }
                }
                case "add", "remove" -> {
                    String operation = command.get(0);
                    Boolean changed = (Boolean) server.invoke(permissions, operation, new Object[] {command.get(1)},
                            new String[] {String.class.getName()});
                    out.append(name).append(": ").append(operation.equals("add") ? "added" : "removed")
                            .append(Boolean.TRUE.equals(changed) ? "" : " (no change: it already was)").append('\n');
                }
                default -> throw new IllegalArgumentException(command.get(0));
            }
            return out.toString();
        } catch (IOException e) {
            throw new IOException("cannot reach JMX at " + url + ": " + e.getMessage(), e);
        }
    }
}
