package org.quorumee.node.management;

/**
 * The node's permissions, {@code org.quorumee:type=Permissions}: GoQuorum's basic permissioning
 * files, read and changed here. Changes are written back to the files and take effect at once
 * (links opened or cut; a removed node's live connections are cut within a second).
 */
public interface PermissionsMXBean {
    /** The enode URLs of permissioned-nodes.json. */
    String[] getPermitted();

    /** The enode URLs of disallowed-nodes.json. */
    String[] getDisallowed();

    /** Why every node is refused, when the files are missing or invalid; empty otherwise. */
    String getDenyAllReason();

    /** Permits the node of this enode URL; true (also when it already was). */
    boolean add(String enodeUrl);

    /** Takes the node of this enode URL (or bare node ID) off the permissioned list; whether it was there. */
    boolean remove(String enodeUrlOrNodeId);

    /** Re-reads both files now. */
    void reload();
}
