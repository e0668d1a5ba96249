package org.quorumee.core.tx;

import java.util.List;
import org.quorumee.core.types.Address;

/**
 * One entry of an EIP-2930 access list: an address and the storage keys (32 bytes each) to warm.
 * The key arrays are copies made at construction and must not be modified.
 */
public record AccessListEntry(Address address, List<byte[]> storageKeys) {
    public AccessListEntry {
        storageKeys = storageKeys.stream().map(key -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("a storage key is 32 bytes, not " + key.length);
            }
            return key.clone();
        }).toList();
    }
}
