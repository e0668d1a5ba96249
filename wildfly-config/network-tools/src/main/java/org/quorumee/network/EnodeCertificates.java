package org.quorumee.network;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.peer.EnodeUrl;

/**
 * How a node's TLS certificate carries its enode: a subject alternative name of type URI,
 * {@code enode://<128 hex digits of the node ID>}. (The subject's CN is the node's name, for people;
 * only the URI counts.) A certificate with no such name, or with two different ones, proves nothing.
 */
public final class EnodeCertificates {
    /** The SAN URI scheme that marks the enode. */
    public static final String URI_PREFIX = "enode://";
    private static final int SAN_URI = 6;

    private EnodeCertificates() {
    }

    /** The SAN URI for a node ID. */
    public static String sanUri(String nodeId) {
        return URI_PREFIX + EnodeUrl.normalizeNodeId(nodeId);
    }

    /** The node ID (128 lower-case hex digits) a certificate proves, if it carries exactly one. */
    public static Optional<String> nodeId(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (names == null) {
            return Optional.empty();
        }
        String found = null;
        for (List<?> name : names) {
            if (name.size() < 2 || !(name.get(0) instanceof Integer type) || type != SAN_URI
                    || !(name.get(1) instanceof String uri) || !uri.startsWith(URI_PREFIX)) {
                continue;
            }
            String rest = uri.substring(URI_PREFIX.length());
            int at = rest.indexOf('@');
            String id;
            try {
                id = EnodeUrl.normalizeNodeId(at < 0 ? rest : rest.substring(0, at));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (found != null && !found.equals(id)) {
                return Optional.empty();
            }
            found = id;
        }
        return Optional.ofNullable(found);
    }
}
