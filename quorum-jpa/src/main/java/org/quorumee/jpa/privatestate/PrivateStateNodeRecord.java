package org.quorumee.jpa.privatestate;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.quorumee.jpa.common.ContentAddressedNode;

/** A node of this node's private state (a trie node, or a private contract's code), by the hash of its content. */
@Entity
@Table(name = "private_state_node")
public class PrivateStateNodeRecord extends ContentAddressedNode {
    protected PrivateStateNodeRecord() {
    }

    public PrivateStateNodeRecord(byte[] hash, byte[] encoded) {
        super(hash, encoded);
    }
}
