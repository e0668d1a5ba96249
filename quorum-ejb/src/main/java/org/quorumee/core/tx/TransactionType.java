package org.quorumee.core.tx;

/** The envelope type of a transaction (EIP-2718); legacy transactions have none. */
public enum TransactionType {
    /** The original RLP list; also the form of Quorum private transactions. */
    LEGACY(-1),
    /** EIP-2930: access list, gas price. */
    ACCESS_LIST(0x01),
    /** EIP-1559: priority fee and fee cap. */
    EIP1559(0x02),
    /** EIP-4844: blob versioned hashes and a blob fee cap. */
    BLOB(0x03);

    private final int typeByte;

    TransactionType(int typeByte) {
        this.typeByte = typeByte;
    }

    /** The envelope's first byte; -1 for legacy. */
    public int typeByte() {
        return typeByte;
    }

    /** The type of an envelope's first byte. */
    public static TransactionType ofTypeByte(int typeByte) {
        for (TransactionType type : values()) {
            if (type.typeByte == typeByte) {
                return type;
            }
        }
        throw new InvalidTransactionException(InvalidTransactionException.Reason.TYPE_NOT_SUPPORTED,
                "transaction type 0x" + Integer.toHexString(typeByte) + " is not supported");
    }
}
