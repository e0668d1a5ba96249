package org.quorumee.core.chain;

import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.types.Address;

/**
 * A validator withdrawal (EIP-4895, Shanghai): {@code rlp([index, validatorIndex, address, amount])},
 * the amount in Gwei. Private Quorum networks have none, but Shanghai headers commit to the list.
 */
public record Withdrawal(long index, long validatorIndex, Address address, long amountGwei) {
    public Withdrawal {
        if (index < 0 || validatorIndex < 0 || amountGwei < 0) {
            throw new IllegalArgumentException("withdrawal numbers are unsigned 63-bit values");
        }
    }

    public byte[] encode() {
        return Rlp.encodeList(Rlp.encodeLong(index), Rlp.encodeLong(validatorIndex),
                Rlp.encodeBytes(address.toArray()), Rlp.encodeLong(amountGwei));
    }

    public static Withdrawal decode(byte[] encoded) {
        return fromRlp(Rlp.decode(encoded));
    }

    public static Withdrawal fromRlp(RlpItem item) {
        if (!item.isList() || item.items().size() != 4) {
            throw new RlpException("a withdrawal is an RLP list of 4 items");
        }
        return new Withdrawal(item.item(0).asLong(), item.item(1).asLong(),
                Address.wrap(item.item(2).bytes(Address.SIZE)), item.item(3).asLong());
    }
}
