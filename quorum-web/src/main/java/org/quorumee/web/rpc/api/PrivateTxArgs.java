package org.quorumee.web.rpc.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.web.rpc.JsonRpcException;

/**
 * GoQuorum's private transaction arguments ({@code PrivateTxArgs}), on every send and sign method and
 * as {@code eth_sendRawPrivateTransaction}'s second parameter: a transaction is private when
 * {@code privateFor} is present. Only standard privacy (flag 0) is served; the other flags and
 * {@code mandatoryFor} are refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class PrivateTxArgs {
    /** The recipients' enclave public keys (base64). */
    public List<String> privateFor;
    /** The sender's enclave key (base64); this node's default key when absent. */
    public String privateFrom;
    public Integer privacyFlag;
    public List<String> mandatoryFor;

    /**
     * Whether {@code mandatoryFor} names anyone: GoQuorum looks at its length only, and web3j-quorum
     * sends an empty list with every standard private transaction.
     */
    private boolean hasMandatoryRecipients() {
        return mandatoryFor != null && !mandatoryFor.isEmpty();
    }

    /** Whether these arguments ask for a private transaction (GoQuorum: {@code privateFor != nil}). */
    boolean isPrivate() {
        if (privateFor == null && (privateFrom != null || privacyFlag != null || hasMandatoryRecipients())) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR,
                    "privateFrom, privacyFlag and mandatoryFor need privateFor: a private transaction names its recipients");
        }
        return privateFor != null;
    }

    /** The recipients' keys. */
    List<BoxPublicKey> recipients() {
        List<BoxPublicKey> keys = new ArrayList<>();
        for (String text : privateFor) {
            keys.add(key(text, "privateFor"));
        }
        return keys;
    }

    /** The sender's key, if given. */
    Optional<BoxPublicKey> sender() {
        return Optional.ofNullable(privateFrom).map(k -> key(k, "privateFrom"));
    }

    /** Standard privacy: the only kind served. */
    PrivacyMetadata metadata() {
        if (hasMandatoryRecipients()) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR,
                    "mandatoryFor is not supported: only standard private transactions (privacyFlag 0)");
        }
        if (privacyFlag != null && privacyFlag != 0) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "privacyFlag " + privacyFlag
                    + " is not supported: only standard private transactions (privacyFlag 0)");
        }
        return PrivacyMetadata.STANDARD;
    }

    private static BoxPublicKey key(String text, String field) {
        if (text == null) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, field + ": a key is a base64 string, not null");
        }
        try {
            return BoxPublicKey.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, field + ": " + JsonRpcException.echo(text)
                    + " is not a base64 public key of " + BoxPublicKey.LENGTH + " bytes");
        }
    }
}
