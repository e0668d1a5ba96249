package org.quorumee.node.privacy;

import java.util.List;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.EncodedPayload;

/**
 * Pushes payloads to the transaction managers of remote recipients (Tessera's {@code /push}), over
 * the peer network. A send succeeds only when every recipient acknowledged: a publisher returns
 * normally only then, and throws otherwise. The recipient stores the bytes it receives with
 * {@code storeInbound} and acknowledges with the payload's hash.
 */
public interface PayloadPublisher {

    /**
     * One push: a copy of the payload carrying only the recipient's box ({@link EncodedPayload#forRecipient}),
     * for the node that holds the recipient's key. Its wire form is
     * {@link org.quorumee.core.privacy.LegacyPayloadCodec#encode}.
     */
    record Push(BoxPublicKey recipient, String node, EncodedPayload payload) {
    }

    /**
     * Delivers every push (in any order, concurrently if it likes) and returns when each was
     * acknowledged.
     *
     * @throws PublishException naming a recipient that did not acknowledge (unreachable, refused, timed out)
     */
    void publish(List<Push> pushes);
}
