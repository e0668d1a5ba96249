package org.quorumee.network;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.consensus.ibft.BftProtocol;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.peer.EnodeListFile;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.core.peer.PermissionFiles;
import org.quorumee.core.peer.PermissionPolicy;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.enclave.ArgonOptions;
import org.quorumee.node.privacy.keys.KeyDirectory;
import org.quorumee.node.privacy.keys.KeyGenerator;

/**
 * Lays out a network's identities in a folder, once: the network CA ({@code ca/}) and per node
 * {@code node<i>/} with
 * <ul>
 *   <li>{@code nodekey}: the secp256k1 node key, geth's 64 hex digits (kept if it exists);</li>
 *   <li>{@code enode}: the node's enode URL;</li>
 *   <li>{@code tls/node.p12}: an EC P-256 TLS key and its certificate chain, the certificate issued by
 *       the network CA and carrying {@code enode://<node ID>} as a SAN URI; {@code tls/trust.p12}:
 *       the network CA; {@code tls/password}: both stores' password;</li>
 *   <li>{@code permissioned-nodes.json} (every node of the network, itself included, as GoQuorum's
 *       7-node example) and {@code disallowed-nodes.json} (empty);</li>
 *   <li>{@code tm/tm.pub} and {@code tm/tm.key}: the node's enclave key pair in Tessera's files
 *       (unlocked; kept if the folder holds any key), and {@code tm/parties.json}: every node's
 *       enclave public keys with the node ID holding them, rewritten when nodes are added.</li>
 * </ul>
 * Files are 0600 and folders 0700. Running it again on a bigger {@code --nodes} adds the new nodes
 * and adds them to the existing nodes' permissioned lists; nothing that exists is regenerated.
 * Node i listens for peers on {@code peerPort + i - 1} and its enode says {@code raftport=raftPort + i - 1}.
 */
public final class NetworkGenerator {
    /** Where the nodes listen: host, first peer port, first raft port (GoQuorum's 7-node layout by default). */
    public record Options(String host, int peerPortBase, int raftPortBase) {
        public static final Options DEFAULT = new Options("127.0.0.1", 21000, 50401);
    }

    /** A node as generated: its name, data folder, enode URL and enclave public keys. */
    public record GeneratedNode(String name, Path dir, EnodeUrl enode, List<BoxPublicKey> enclaveKeys) {
        public GeneratedNode {
            enclaveKeys = List.copyOf(enclaveKeys);
        }
    }

    private final Path networkDir;
    private final Options options;
    private final SecureRandom random;

    public NetworkGenerator(Path networkDir, Options options, SecureRandom random) {
        this.networkDir = networkDir.toAbsolutePath().normalize();
        this.options = options;
        this.random = random;
    }

    /** Makes nodes 1..{@code count} (those missing) and their permission files; every node, in order. */
    public List<GeneratedNode> generate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a network has at least one node");
        }
        SecureFiles.directory(networkDir);
        NetworkCa ca = networkCa();
        List<GeneratedNode> nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            nodes.add(node(ca, networkDir.resolve("node" + i), "node" + i, options.peerPortBase() + i - 1,
                    options.raftPortBase() + i - 1));
        }
        List<EnodeUrl> everyone = nodes.stream().map(GeneratedNode::enode).toList();
        for (GeneratedNode node : nodes) {
            PermissionFiles files = new PermissionFiles(node.dir());
            if (!Files.exists(files.permissionedFile())) {
                files.write(PermissionPolicy.of(everyone, List.of()));
            } else {
                PermissionPolicy policy = files.reload();
                PermissionPolicy grown = policy;
                for (EnodeUrl url : everyone) {
                    if (policy.permittedList().stream().noneMatch(p -> p.nodeId().equals(url.nodeId()))) {
                        grown = grown.permit(url);
                    }
                }
                if (grown != policy) {
                    files.write(grown);
                }
            }
        }
        String parties = partiesJson(nodes);
        for (GeneratedNode node : nodes) {
            Path file = node.dir().resolve("tm").resolve("parties.json");
            if (!Files.exists(file) || !SecureFiles.readText(file).equals(parties.trim())) {
                SecureFiles.writeText(file, parties);
            }
        }
        return nodes;
    }

    /** tm/parties.json: {@code [{"key": base64, "node": node ID, "name": nodeN}]}, one entry per enclave key. */
    private static String partiesJson(List<GeneratedNode> nodes) {
        StringBuilder json = new StringBuilder("[\n");
        String separator = "";
        for (GeneratedNode node : nodes) {
            for (BoxPublicKey key : node.enclaveKeys()) {
                json.append(separator).append("  {\"key\": \"").append(key.toBase64()).append("\", \"node\": \"")
                        .append(node.enode().nodeId()).append("\", \"name\": \"").append(node.name()).append("\"}");
                separator = ",\n";
            }
        }
        return json.append("\n]\n").toString();
    }

    /** The node's enclave keys: those in {@code tm/} (made by an earlier run or by the node), else a new tm pair. */
    private List<BoxPublicKey> enclaveKeys(Path dir) {
        KeyDirectory keys = new KeyDirectory(SecureFiles.directory(dir.resolve("tm")));
        if (keys.names().isEmpty()) {
            return List.of(KeyGenerator.generate(keys, KeyDirectory.DEFAULT_NAME, Optional.empty(), ArgonOptions.DEFAULT,
                    random::nextBytes));
        }
        List<BoxPublicKey> found = new ArrayList<>();
        for (String name : keys.names()) {
            found.add(BoxPublicKey.fromBase64(SecureFiles.readText(keys.publicKeyFile(name))));
        }
        return found;
    }

    /**
     * A node that is not part of the network: its certificate comes from the network CA, or with
     * {@code foreignCa} from a CA of its own (its trust store then holds both CAs, so that a refusal
     * comes from the network's side); it permits the network's nodes, and no network node lists it.
     */
    public GeneratedNode outsider(Path dir, String name, int peerPort, boolean foreignCa) {
        NetworkCa networkCa = networkCa();
        NetworkCa issuer = foreignCa ? NetworkCa.create("Foreign CA of " + name, random) : networkCa;
        GeneratedNode node = node(issuer, dir, name, peerPort, 0);
        if (foreignCa) {
            writeTrustStore(dir.resolve("tls"), password(dir.resolve("tls")), networkCa.certificate(), issuer.certificate());
        }
        List<EnodeUrl> everyone = new ArrayList<>();
        try (var nodeDirs = Files.list(networkDir)) {
            for (Path nodeDir : nodeDirs.filter(p -> p.getFileName().toString().matches("node[0-9]+")).sorted().toList()) {
                Path enode = nodeDir.resolve("enode");
                if (Files.exists(enode)) {
                    everyone.add(EnodeUrl.parse(SecureFiles.readText(enode)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + networkDir, e);
        }
        everyone.add(node.enode());
        new PermissionFiles(dir).write(PermissionPolicy.of(everyone, List.of()));
        return node;
    }

    private NetworkCa networkCa() {
        Path caDir = SecureFiles.directory(networkDir.resolve("ca"));
        Path store = caDir.resolve("ca.p12");
        Path passwordFile = caDir.resolve("password");
        if (Files.exists(store)) {
            return NetworkCa.load(store, SecureFiles.readText(passwordFile).toCharArray(), random);
        }
        NetworkCa ca = NetworkCa.create("Quorum EE network CA", random);
        String password = newPassword();
        SecureFiles.writeText(passwordFile, password + "\n");
        ca.save(store, password.toCharArray());
        SecureFiles.writeText(caDir.resolve("ca.pem"), pem(ca.certificate()));
        return ca;
    }

    private GeneratedNode node(NetworkCa ca, Path dir, String name, int peerPort, int raftPort) {
        SecureFiles.directory(dir);
        Path keyFile = dir.resolve("nodekey");
        byte[] privateKey;
        if (Files.exists(keyFile)) {
            privateKey = Hex.decode(SecureFiles.readText(keyFile));
            if (privateKey.length != 32) {
                throw new IllegalStateException(keyFile + " must hold 64 hex digits");
            }
        } else {
            privateKey = Secp256k1.generateKeyPair(random).privateKey();
            SecureFiles.writeText(keyFile, Hex.encodeNoPrefix(privateKey));
        }
        EnodeUrl enode = EnodeUrl.of(Secp256k1.publicKey(privateKey), options.host(), peerPort).withRaftPort(raftPort);
        SecureFiles.writeText(dir.resolve("enode"), enode + "\n");
        Path tls = SecureFiles.directory(dir.resolve("tls"));
        if (!Files.exists(tls.resolve("node.p12"))) {
            String password = password(tls);
            KeyPair key = NetworkCa.newTlsKeyPair(random);
            X509Certificate certificate = ca.issue(name, enode.nodeId(), key.getPublic());
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("node", key.getPrivate(), password.toCharArray(),
                        new Certificate[] {certificate, ca.certificate()});
                save(store, tls.resolve("node.p12"), password);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot write the key store of " + name, e);
            }
            writeTrustStore(tls, password, ca.certificate());
        }
        return new GeneratedNode(name, dir, enode, enclaveKeys(dir));
    }

    private String password(Path tls) {
        Path file = tls.resolve("password");
        if (Files.exists(file)) {
            return SecureFiles.readText(file);
        }
        String password = newPassword();
        SecureFiles.writeText(file, password + "\n");
        return password;
    }

    private static void writeTrustStore(Path tls, String password, X509Certificate... cas) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.length; i++) {
                store.setCertificateEntry(i == 0 ? "ca" : "ca" + i, cas[i]);
            }
            save(store, tls.resolve("trust.p12"), password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the trust store in " + tls, e);
        }
    }

    private static void save(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(SecureFiles.OWNER_ONLY_FILE));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private String newPassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code NetworkGenerator --dir DIR --nodes N [--host H] [--peer-port P] [--raft-port R]}: lays out
     * (or completes) the network and prints each node's enode URL. With {@code --consensus ibft|qbft
     * --genesis-template FILE} it also writes the network's IBFT/QBFT genesis ({@link BftGenesisFile});
     * {@code --qbft-block N} with IBFT moves the chain to QBFT from block N.
     */
    public static void main(String[] args) {
        Path dir = null;
        int nodes = 0;
        Options defaults = Options.DEFAULT;
        String host = defaults.host();
        int peerPort = defaults.peerPortBase();
        int raftPort = defaults.raftPortBase();
        BftProtocol bft = null;
        Path genesisTemplate = null;
        long blockPeriod = 1;
        long requestTimeout = 10;
        long maxRequestTimeout = 0;
        long qbftBlock = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--dir" -> dir = Path.of(required(args[i], value));
                    case "--nodes" -> nodes = Integer.parseInt(required(args[i], value));
                    case "--host" -> host = required(args[i], value);
                    case "--peer-port" -> peerPort = Integer.parseInt(required(args[i], value));
                    case "--raft-port" -> raftPort = Integer.parseInt(required(args[i], value));
                    case "--consensus" -> bft = switch (required(args[i], value)) {
                        case "ibft", "istanbul" -> BftProtocol.IBFT;
                        case "qbft" -> BftProtocol.QBFT;
                        default -> throw new IllegalArgumentException("--consensus takes ibft or qbft, not " + value);
                    };
                    case "--genesis-template" -> genesisTemplate = Path.of(required(args[i], value));
                    case "--block-period" -> blockPeriod = Long.parseLong(required(args[i], value));
                    case "--request-timeout" -> requestTimeout = Long.parseLong(required(args[i], value));
                    case "--max-request-timeout" -> maxRequestTimeout = Long.parseLong(required(args[i], value));
                    case "--qbft-block" -> qbftBlock = Long.parseLong(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (dir == null || nodes < 1) {
                throw new IllegalArgumentException("--dir and --nodes (at least 1) are required");
            }
            if (bft != null && genesisTemplate == null) {
                throw new IllegalArgumentException("--consensus ibft|qbft needs --genesis-template");
            }
            if (qbftBlock != 0 && bft != BftProtocol.IBFT) {
                throw new IllegalArgumentException("--qbft-block needs --consensus ibft (a chain that starts on IBFT)");
            }
            if (qbftBlock < 0) {
                throw new IllegalArgumentException("--qbft-block takes a block number above 0, not " + qbftBlock);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("network generator: " + e.getMessage());
            System.err.println("usage: NetworkGenerator --dir DIR --nodes N [--host H] [--peer-port P] [--raft-port R]"
                    + " [--consensus ibft|qbft --genesis-template FILE [--block-period S] [--request-timeout S]"
                    + " [--max-request-timeout S] [--qbft-block N]]");
            System.exit(2);
            return;
        }
        List<GeneratedNode> generated = new NetworkGenerator(dir, new Options(host, peerPort, raftPort),
                new SecureRandom()).generate(nodes);
        if (bft != null) {
            new BftGenesisFile(bft, blockPeriod, requestTimeout, maxRequestTimeout, qbftBlock).write(dir, genesisTemplate, generated);
        }
        for (GeneratedNode node : generated) {
            System.out.println(node.name() + " " + node.enode());
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** The enode URLs a permission file lists (for tools and tests). */
    static List<EnodeUrl> listed(Path file) {
        return Optional.of(file).filter(Files::exists).map(f -> EnodeListFile.parse(SecureFiles.readText(f)))
                .orElse(List.of());
    }
}
