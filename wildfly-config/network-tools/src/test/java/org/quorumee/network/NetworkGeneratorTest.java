package org.quorumee.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.peer.EnodeUrl;
import org.quorumee.core.peer.PermissionFiles;
import org.quorumee.network.NetworkGenerator.GeneratedNode;
import org.quorumee.network.NetworkGenerator.Options;

class NetworkGeneratorTest {
    private static final Options OPTIONS = new Options("127.0.0.1", 26000, 50401);

    @Test
    void laysOutKeysCertificatesAndPermissionFiles(@TempDir Path dir) throws Exception {
        List<GeneratedNode> nodes = new NetworkGenerator(dir, OPTIONS, new SecureRandom()).generate(3);
        assertEquals(3, nodes.size());
        for (int i = 0; i < 3; i++) {
            GeneratedNode node = nodes.get(i);
            Path nodeDir = dir.resolve("node" + (i + 1));
            // the enode is the public key of the nodekey, computed here with Bouncy Castle's curve directly
            byte[] privateKey = Hex.decode(Files.readString(nodeDir.resolve("nodekey")).trim());
            assertEquals(32, privateKey.length);
            assertEquals(publicKeyHex(privateKey), node.enode().nodeId());
            assertEquals(26000 + i, node.enode().port());
            assertEquals(50401 + i, node.enode().raftPort());
            assertEquals(node.enode(), EnodeUrl.parse(Files.readString(nodeDir.resolve("enode"))));
            // the certificate is the CA's and proves the enode
            String password = Files.readString(nodeDir.resolve("tls/password")).trim();
            KeyStore keys = load(nodeDir.resolve("tls/node.p12"), password);
            X509Certificate certificate = (X509Certificate) keys.getCertificate("node");
            X509Certificate ca = (X509Certificate) load(nodeDir.resolve("tls/trust.p12"), password).getCertificate("ca");
            certificate.verify(ca.getPublicKey());
            assertEquals(node.enode().nodeId(), EnodeCertificates.nodeId(certificate).orElseThrow());
            assertEquals(List.of(nodes.get(0).enode(), nodes.get(1).enode(), nodes.get(2).enode()),
                    NetworkGenerator.listed(nodeDir.resolve(PermissionFiles.PERMISSIONED)));
            assertEquals(List.of(), NetworkGenerator.listed(nodeDir.resolve(PermissionFiles.DISALLOWED)));
            for (String secret : List.of("nodekey", "tls/node.p12", "tls/password", PermissionFiles.PERMISSIONED)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir.resolve(secret))), secret);
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir.resolve("tls"))));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/ca.p12"))));
    }

    @Test
    void growingTheNetworkKeepsIdentitiesAndListsTheNewNodeEverywhere(@TempDir Path dir) throws IOException {
        NetworkGenerator generator = new NetworkGenerator(dir, OPTIONS, new SecureRandom());
        List<GeneratedNode> three = generator.generate(3);
        byte[] key1 = Files.readAllBytes(dir.resolve("node1/nodekey"));
        byte[] store1 = Files.readAllBytes(dir.resolve("node1/tls/node.p12"));
        List<GeneratedNode> four = generator.generate(4);
        assertArrayEquals(key1, Files.readAllBytes(dir.resolve("node1/nodekey")));
        assertArrayEquals(store1, Files.readAllBytes(dir.resolve("node1/tls/node.p12")));
        assertEquals(three.get(2).enode(), four.get(2).enode());
        for (int i = 1; i <= 4; i++) {
            assertEquals(4, NetworkGenerator.listed(dir.resolve("node" + i + "/" + PermissionFiles.PERMISSIONED)).size());
        }
    }

    @Test
    void everyNodeGetsAnEnclaveKeyAndKnowsEveryNodesKeysAsTheNetworkGrows(@TempDir Path dir) throws IOException {
        NetworkGenerator generator = new NetworkGenerator(dir, OPTIONS, new SecureRandom());
        List<GeneratedNode> three = generator.generate(3);
        String pub1 = Files.readString(dir.resolve("node1/tm/tm.pub")).trim();
        assertEquals(three.get(0).enclaveKeys().get(0).toBase64(), pub1);
        List<GeneratedNode> four = generator.generate(4);
        assertEquals(pub1, Files.readString(dir.resolve("node1/tm/tm.pub")).trim(), "an existing key is kept");
        for (int i = 1; i <= 4; i++) {
            Path nodeDir = dir.resolve("node" + i);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir.resolve("tm/tm.key"))));
            // the node reads the file as it reads any parties file: every key, each with the node ID holding it
            java.util.Map<org.quorumee.core.privacy.BoxPublicKey, String> parties =
                    org.quorumee.node.privacy.PartiesFile.read(nodeDir.resolve("tm/parties.json"));
            assertEquals(4, parties.size());
            for (GeneratedNode node : four) {
                assertEquals(node.enode().nodeId(), parties.get(node.enclaveKeys().get(0)));
            }
        }
        // the private key file is Tessera's unlocked form and holds the pair of tm.pub
        String keyFile = Files.readString(dir.resolve("node4/tm/tm.key"));
        assertTrue(keyFile.contains("\"unlocked\""), keyFile);
    }

    @Test
    void outsidersAreListedNowhereInTheNetwork(@TempDir Path dir) {
        NetworkGenerator generator = new NetworkGenerator(dir, OPTIONS, new SecureRandom());
        List<GeneratedNode> nodes = generator.generate(2);
        GeneratedNode outsider = generator.outsider(dir.resolve("outsider"), "outsider", 26009, false);
        for (GeneratedNode node : nodes) {
            assertFalse(new PermissionFiles(node.dir()).current().isPermitted(outsider.enode().nodeId()));
        }
        assertTrue(new PermissionFiles(outsider.dir()).current().isPermitted(nodes.get(0).enode().nodeId()));
    }

    @Test
    void mutualTlsAdmitsTheNetworksCertificatesAndRefusesAForeignCa(@TempDir Path dir) throws Exception {
        NetworkGenerator generator = new NetworkGenerator(dir, OPTIONS, new SecureRandom());
        List<GeneratedNode> nodes = generator.generate(2);
        GeneratedNode sameCa = generator.outsider(dir.resolve("same-ca"), "same-ca", 26008, false);
        GeneratedNode foreign = generator.outsider(dir.resolve("foreign"), "foreign", 26009, true);
        SSLContext server = context(nodes.get(0).dir());
        assertEquals(nodes.get(0).enode().nodeId(), handshake(server, context(nodes.get(1).dir())),
                "the client sees the server's enode");
        assertEquals(nodes.get(0).enode().nodeId(), handshake(server, context(sameCa.dir())),
                "the same CA passes TLS: permissioning refuses it later, at the broker");
        assertThrows(Exception.class, () -> handshake(server, context(foreign.dir())),
                "another CA's certificate fails the handshake");
    }

    /** Handshakes once; the node ID the client found in the server's certificate. */
    private static String handshake(SSLContext serverContext, SSLContext clientContext) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            Future<String> served = executor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                    return EnodeCertificates.nodeId((X509Certificate) socket.getSession().getPeerCertificates()[0])
                            .orElseThrow();
                }
            });
            String seenByClient;
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                client.setSoTimeout(10_000);
                client.startHandshake();
                OutputStream out = client.getOutputStream();
                out.flush();
                // TLS 1.3 checks the client's certificate after the client's handshake ends: a refusal
                // shows at the first read.
                if (client.getInputStream().read() != 1) {
                    throw new IOException("the server closed the connection");
                }
                seenByClient = EnodeCertificates.nodeId((X509Certificate) client.getSession().getPeerCertificates()[0])
                        .orElseThrow();
            }
            served.get(10, TimeUnit.SECONDS);
            return seenByClient;
        } finally {
            executor.shutdownNow();
        }
    }

    private static SSLContext context(Path nodeDir) throws Exception {
        String password = Files.readString(nodeDir.resolve("tls/password")).trim();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(nodeDir.resolve("tls/node.p12"), password), password.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(nodeDir.resolve("tls/trust.p12"), password));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static String publicKeyHex(byte[] privateKey) {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        ECPoint point = curve.getG().multiply(new BigInteger(1, privateKey)).normalize();
        byte[] encoded = point.getEncoded(false);
        return new String(org.bouncycastle.util.encoders.Hex.encode(encoded, 1, 64), StandardCharsets.US_ASCII);
    }
}
