package org.quorumee.core.peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may connect, as GoQuorum's basic permissioning decides it: a node whose ID is listed in
 * {@code permissioned-nodes.json} and not in {@code disallowed-nodes.json}. Matching is on the node
 * ID only (host and ports are ignored). A missing or invalid permissioned list denies everyone (the
 * policy says why); an invalid disallowed list does too (fail closed), a missing one disallows nobody.
 * Immutable: changes return a new policy.
 */
public final class PermissionPolicy {
    private final Map<String, EnodeUrl> permitted;
    private final Map<String, EnodeUrl> disallowed;
    private final String denyAllReason;

    private PermissionPolicy(Map<String, EnodeUrl> permitted, Map<String, EnodeUrl> disallowed, String denyAllReason) {
        this.permitted = permitted;
        this.disallowed = disallowed;
        this.denyAllReason = denyAllReason;
    }

    /** A policy that lets nobody in, and why. */
    public static PermissionPolicy denyAll(String reason) {
        return new PermissionPolicy(Map.of(), Map.of(), Objects.requireNonNull(reason, "reason"));
    }

    /** The nodes listed in {@code permitted}, minus those in {@code disallowed}. */
    public static PermissionPolicy of(List<EnodeUrl> permitted, List<EnodeUrl> disallowed) {
        return new PermissionPolicy(byId(permitted), byId(disallowed), null);
    }

    /**
     * The policy of the two files' texts; an empty optional is a missing file.
     *
     * @param permittedJson  the text of {@code permissioned-nodes.json}
     * @param disallowedJson the text of {@code disallowed-nodes.json}
     */
    public static PermissionPolicy fromFiles(Optional<String> permittedJson, Optional<String> disallowedJson) {
        if (permittedJson.isEmpty()) {
            return denyAll(PermissionFiles.PERMISSIONED + " is missing");
        }
        List<EnodeUrl> permitted;
        try {
            permitted = EnodeListFile.parse(permittedJson.get());
        } catch (IllegalArgumentException e) {
            return denyAll(PermissionFiles.PERMISSIONED + " is invalid: " + e.getMessage());
        }
        List<EnodeUrl> disallowed = List.of();
        if (disallowedJson.isPresent()) {
            try {
                disallowed = EnodeListFile.parse(disallowedJson.get());
            } catch (IllegalArgumentException e) {
                return denyAll(PermissionFiles.DISALLOWED + " is invalid: " + e.getMessage());
            }
        }
        return of(permitted, disallowed);
    }

    /** Whether the node with this ID (128 hex digits, any case, "0x" allowed) may connect. */
    public boolean isPermitted(String nodeId) {
        if (denyAllReason != null) {
            return false;
        }
        String id;
        try {
            id = EnodeUrl.normalizeNodeId(nodeId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return permitted.containsKey(id) && !disallowed.containsKey(id);
    }

    /** Why nobody is permitted, when the files could not be used. */
    public Optional<String> denyAllReason() {
        return Optional.ofNullable(denyAllReason);
    }

    /** The permissioned list as written (disallowed entries included), in order. */
    public List<EnodeUrl> permittedList() {
        return List.copyOf(permitted.values());
    }

    /** The disallowed list, in order. */
    public List<EnodeUrl> disallowedList() {
        return List.copyOf(disallowed.values());
    }

    /** The nodes that may connect now: permitted and not disallowed. */
    public List<EnodeUrl> effective() {
        if (denyAllReason != null) {
            return List.of();
        }
        List<EnodeUrl> out = new ArrayList<>();
        for (EnodeUrl url : permitted.values()) {
            if (!disallowed.containsKey(url.nodeId())) {
                out.add(url);
            }
        }
        return out;
    }

    /**
     * This policy with {@code url} permitted: added to the permissioned list (replacing an entry of
     * the same ID, so its address can change) and taken off the disallowed list. A deny-all policy
     * becomes a list of this one node.
     */
    public PermissionPolicy permit(EnodeUrl url) {
        Map<String, EnodeUrl> newPermitted = new LinkedHashMap<>(denyAllReason == null ? permitted : Map.of());
        newPermitted.put(url.nodeId(), url);
        Map<String, EnodeUrl> newDisallowed = new LinkedHashMap<>(denyAllReason == null ? disallowed : Map.of());
        newDisallowed.remove(url.nodeId());
        return new PermissionPolicy(newPermitted, newDisallowed, null);
    }

    /** This policy without the node of this ID on the permissioned list (the disallowed list is kept). */
    public PermissionPolicy revoke(String nodeId) {
        String id = EnodeUrl.normalizeNodeId(nodeId);
        Map<String, EnodeUrl> newPermitted = new LinkedHashMap<>(permitted);
        newPermitted.remove(id);
        return new PermissionPolicy(newPermitted, new LinkedHashMap<>(disallowed), denyAllReason);
    }

    private static Map<String, EnodeUrl> byId(List<EnodeUrl> urls) {
        Map<String, EnodeUrl> out = new LinkedHashMap<>();
        for (EnodeUrl url : urls) {
            out.putIfAbsent(url.nodeId(), url);
        }
        return out;
    }

    @Override
    public String toString() {
        return denyAllReason != null ? "deny all (" + denyAllReason + ")"
                : permitted.size() + " permissioned, " + disallowed.size() + " disallowed";
    }
}
