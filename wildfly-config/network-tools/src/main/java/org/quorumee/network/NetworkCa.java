package org.quorumee.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A network's certificate authority: an EC P-256 key and a self-signed certificate, kept in
 * {@code ca.p12} (with {@code ca.pem} beside it for people and other tools). It issues each node's
 * TLS certificate, which carries the node's enode as a SAN URI ({@link EnodeCertificates}) and is good
 * for TLS server and client authentication (peers authenticate both ways).
 */
public final class NetworkCa {
    static final String ALIAS = "ca";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SecureRandom random;

    private NetworkCa(PrivateKey key, X509Certificate certificate, SecureRandom random) {
        this.key = key;
        this.certificate = certificate;
        this.random = random;
    }

    /** A new CA named {@code name}. */
    public static NetworkCa create(String name, SecureRandom random) {
        KeyPair pair = newTlsKeyPair(random);
        X500Name subject = new X500Name("CN=" + name + ", O=Quorum EE");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new NetworkCa(pair.getPrivate(), sign(builder, pair.getPrivate()), random);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the network CA", e);
        }
    }

    /** The CA kept in {@code file} (a PKCS12 store written by {@link #save}). */
    public static NetworkCa load(Path file, char[] password, SecureRandom random) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return new NetworkCa((PrivateKey) store.getKey(ALIAS, password),
                    (X509Certificate) store.getCertificate(ALIAS), random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the network CA " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the network CA " + file, e);
        }
    }

    /** Writes the CA's key and certificate to {@code file} (owner-only). */
    public void save(Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, new Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            Files.setPosixFilePermissions(file, SecureFiles.OWNER_ONLY_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A TLS certificate for a node: subject {@code CN=<name>}, SAN URI {@code enode://<nodeId>} and
     * the loopback names, usable for TLS server and client authentication.
     */
    public X509Certificate issue(String name, String nodeId, PublicKey tlsKey) {
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.uniformResourceIdentifier, EnodeCertificates.sanUri(nodeId)),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            });
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=" + name + ", O=Quorum EE"), tlsKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, names)
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(tlsKey));
            return sign(builder, key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + name, e);
        }
    }

    /** A fresh EC P-256 key pair (what every TLS 1.2/1.3 peer speaks). */
    public static KeyPair newTlsKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 in this JDK", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
