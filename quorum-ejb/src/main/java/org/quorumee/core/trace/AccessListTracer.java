package org.quorumee.core.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.evm.EvmTracer;
import org.quorumee.core.tx.AccessListEntry;
import org.quorumee.core.types.Address;

/**
 * Collects the accounts and storage slots an execution touches, as go-ethereum's access-list
 * tracer does: slots of SLOAD/SSTORE, the account operand of BALANCE, EXTCODE*, SELFDESTRUCT and the
 * CALL family. Accounts warm anyway (sender, recipient, precompiles) are left out unless they have slots.
 */
public final class AccessListTracer implements EvmTracer {
    private final Set<Address> excluded;
    /** Account -> slots (hex), in first-touch order. */
    private final Map<Address, Set<String>> touched = new LinkedHashMap<>();

    /** Starts from {@code initial} (a previous round's list or the caller's). */
    public AccessListTracer(List<AccessListEntry> initial, Collection<Address> excluded) {
        this.excluded = new HashSet<>(excluded);
        for (AccessListEntry entry : initial) {
            if (entry.storageKeys().isEmpty()) {
                addAddress(entry.address());
            }
            for (byte[] key : entry.storageKeys()) {
                addSlot(entry.address(), key);
            }
        }
    }

    @Override
    public void onStep(int pc, int opcode, long gas, int depth, Address contract, long[] stack, int stackSize,
            byte[] memory, int memorySize) {
        switch (opcode) {
            case 0x54, 0x55 -> { // SLOAD, SSTORE
                if (stackSize >= 1) {
                    addSlot(contract, EvmTracer.word(stack, stackSize - 1));
                }
            }
            case 0x31, 0x3b, 0x3c, 0x3f, 0xff -> { // BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH, SELFDESTRUCT
                if (stackSize >= 1) {
                    addAddress(address(EvmTracer.word(stack, stackSize - 1)));
                }
            }
            case 0xf1, 0xf2, 0xf4, 0xfa -> { // CALL, CALLCODE, DELEGATECALL, STATICCALL
                if (stackSize >= 5) {
                    addAddress(address(EvmTracer.word(stack, stackSize - 2)));
                }
            }
            default -> {
            }
        }
    }

    private static Address address(byte[] word) {
        return Address.wrap(java.util.Arrays.copyOfRange(word, 12, 32));
    }

    private void addAddress(Address address) {
        if (!excluded.contains(address)) {
            touched.computeIfAbsent(address, a -> new LinkedHashSet<>());
        }
    }

    private void addSlot(Address address, byte[] key) {
        touched.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(Hex.encode(key));
    }

    /** The accounts and slots touched so far (and the initial ones), in first-touch order. */
    public List<AccessListEntry> accessList() {
        List<AccessListEntry> list = new ArrayList<>(touched.size());
        touched.forEach((address, slots) -> list.add(
                new AccessListEntry(address, slots.stream().map(Hex::decode).toList())));
        return list;
    }

    /** Whether {@code list} holds exactly the accounts and slots collected here. */
    public boolean sameAs(List<AccessListEntry> list) {
        return new AccessListTracer(list, excluded).touched.equals(touched);
    }
}
