package org.quorumee.node.privacy;

import java.util.Map;
import java.util.Optional;
import org.quorumee.core.privacy.BoxPublicKey;

/**
 * Which node holds which remote party's key: where a payload for that key is pushed. The peer
 * network fills this (Tessera learns it from its peers' party info); until then a static map from
 * the node's configuration ({@link StaticPartyDirectory}). The node's own keys are not asked here.
 */
public interface PartyDirectory {
    /** The node holding this key, as the peer network names nodes; empty if unknown. */
    Optional<String> nodeOf(BoxPublicKey key);

    /** Every remote key known, with its node. */
    Map<BoxPublicKey, String> remoteParties();
}
