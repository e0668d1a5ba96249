package org.quorumee.node.privacy;

import java.util.List;

/**
 * The publisher of a node without a peer network: no remote recipient can be reached, so a send to
 * one fails (never a silent success). Sends to this node's own keys need no publisher.
 */
public final class UnreachablePublisher implements PayloadPublisher {
    @Override
    public void publish(List<Push> pushes) {
        if (!pushes.isEmpty()) {
            Push first = pushes.get(0);
            throw new PublishException(first.recipient(), "no peer network: node " + first.node() + " cannot be reached");
        }
    }
}
