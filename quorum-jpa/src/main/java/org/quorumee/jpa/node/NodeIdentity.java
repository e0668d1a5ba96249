package org.quorumee.jpa.node;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Who this database belongs to: the node's name and enode ID, written once at first start. A node
 * that finds another node's identity here refuses to start (two nodes must never share a database).
 */
@Entity
@Table(name = "node_identity")
public class NodeIdentity {

    /** There is one row; its key is fixed. */
    public static final int SINGLETON_ID = 1;

    @Id
    @Column(name = "id")
    private int id = SINGLETON_ID;

    @Column(name = "node_name", nullable = false, length = 64)
    private String nodeName;

    /** The node's secp256k1 public key (64 bytes, no 0x04 prefix): its enode ID. */
    @Column(name = "enode_id", nullable = false, length = 64)
    private byte[] enodeId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected NodeIdentity() {
    }

    public NodeIdentity(String nodeName, byte[] enodeId, Instant createdAt) {
        this.nodeName = nodeName;
        this.enodeId = enodeId.clone();
        this.createdAt = createdAt;
    }

    public String getNodeName() {
        return nodeName;
    }

    public byte[] getEnodeId() {
        return enodeId.clone();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
