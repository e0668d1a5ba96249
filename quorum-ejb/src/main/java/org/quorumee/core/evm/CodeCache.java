package org.quorumee.core.evm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.quorumee.core.types.UInt256;

/**
 * Analysed code by code hash, so the jump-destination bitmap of a contract is computed once and not
 * at every call. Bounded (least recently used goes first); safe to share between threads.
 */
public final class CodeCache {
    private final Map<UInt256, Code> byHash;

    public CodeCache(int capacity) {
        this.byHash = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UInt256, Code> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The analysed code of hash {@code codeHash}, reading the bytes from {@code bytes} on a miss. */
    public synchronized Code get(byte[] codeHash, Supplier<byte[]> bytes) {
        UInt256 key = UInt256.fromBytes(codeHash);
        Code code = byHash.get(key);
        if (code == null) {
            code = new Code(bytes.get());
            byHash.put(key, code);
        }
        return code;
    }
}
