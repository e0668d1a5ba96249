package org.quorumee.jpa.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Contract code, stored under its Keccak-256; never updated. */
@Entity
@Table(name = "contract_code")
public class CodeRecord {
    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "code", nullable = false)
    private byte[] code;

    protected CodeRecord() {
    }

    public CodeRecord(byte[] hash, byte[] code) {
        this.hash = hash;
        this.code = code;
    }

    public byte[] getHash() {
        return hash;
    }

    public byte[] getCode() {
        return code;
    }
}
