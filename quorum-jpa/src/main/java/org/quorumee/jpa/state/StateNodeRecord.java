package org.quorumee.jpa.state;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.quorumee.jpa.common.ContentAddressedNode;

/** A node of the public state (a trie node, or a contract's code), by the hash of its content. */
@Entity
@Table(name = "state_node")
public class StateNodeRecord extends ContentAddressedNode {
    protected StateNodeRecord() {
    }

    public StateNodeRecord(byte[] hash, byte[] encoded) {
        super(hash, encoded);
    }
}
