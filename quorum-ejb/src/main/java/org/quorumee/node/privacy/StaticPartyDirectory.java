package org.quorumee.node.privacy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.quorumee.core.privacy.BoxPublicKey;

/** Remote parties from configuration: a fixed map from public key to node. */
public final class StaticPartyDirectory implements PartyDirectory {
    private final Map<BoxPublicKey, String> parties;

    public StaticPartyDirectory(Map<BoxPublicKey, String> parties) {
        this.parties = Map.copyOf(parties);
    }

    /** No remote party at all. */
    public static StaticPartyDirectory empty() {
        return new StaticPartyDirectory(Map.of());
    }

    @Override
    public Optional<String> nodeOf(BoxPublicKey key) {
        return Optional.ofNullable(parties.get(key));
    }

    @Override
    public Map<BoxPublicKey, String> remoteParties() {
        return new TreeMap<>(parties);
    }
}
