package org.quorumee.core.trie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.rlp.Rlp;

/**
 * The Merkle Patricia trie of the Yellow Paper (appendix D): a map from byte keys to non-empty byte
 * values whose root hash commits to the whole content.
 *
 * <p>Nodes are immutable and shared: an update builds new nodes along one path, so unchanged
 * subtrees keep their cached encodings and hashes, and {@link #copy()} is free. Stored nodes are
 * loaded lazily, by hash, from the {@link NodeStore} starting at the root the trie was opened at;
 * {@link #commit()} writes only the nodes built since the previous commit, in one batch.
 *
 * <p>An instance is a mutable handle (its root changes with each update) for one thread; opened
 * at the same root over the same store, any number of instances read concurrently.
 */
public final class MerklePatriciaTrie {
    /** The root hash of the empty trie: keccak256(rlp("")). */
    public static final byte[] EMPTY_ROOT = Keccak.keccak256(Rlp.EMPTY_STRING);

    private final NodeStore store;
    private Node root;
    /** The root at the last commit (or at opening); an unchanged root has nothing to commit. */
    private Node committedRoot;

    /** An empty trie over {@code store}. */
    public MerklePatriciaTrie(NodeStore store) {
        this(store, EMPTY_ROOT);
    }

    /** The trie whose root hash is {@code rootHash}, its nodes read from {@code store} as needed. */
    public MerklePatriciaTrie(NodeStore store, byte[] rootHash) {
        if (rootHash.length != 32) {
            throw new IllegalArgumentException("a root hash is 32 bytes, not " + rootHash.length);
        }
        this.store = store;
        this.root = Arrays.equals(rootHash, EMPTY_ROOT) ? null : new HashNode(rootHash.clone());
        this.committedRoot = root;
    }

    private MerklePatriciaTrie(NodeStore store, Node root, Node committedRoot) {
        this.store = store;
        this.root = root;
        this.committedRoot = committedRoot;
    }

    /** An independent handle on the same content and store (nodes are shared, nothing is copied). */
    public MerklePatriciaTrie copy() {
        return new MerklePatriciaTrie(store, root, committedRoot);
    }

    public boolean isEmpty() {
        return root == null;
    }

    /** The value stored under {@code key}, if any. */
    public Optional<byte[]> get(byte[] key) {
        byte[] path = Nibbles.fromBytes(key);
        int pos = 0;
        Node node = root;
        while (node != null) {
            node = resolve(node);
            if (node instanceof LeafNode leaf) {
                return Nibbles.equalsRest(path, pos, leaf.path) ? Optional.of(leaf.value.clone()) : Optional.empty();
            } else if (node instanceof ExtensionNode extension) {
                if (!Nibbles.startsWith(path, pos, extension.path)) {
                    return Optional.empty();
                }
                pos += extension.path.length;
                node = extension.child;
            } else {
                BranchNode branch = (BranchNode) node;
                if (pos == path.length) {
                    return Optional.ofNullable(branch.value).map(byte[]::clone);
                }
                node = branch.children[path[pos++]];
            }
        }
        return Optional.empty();
    }

    /** Stores {@code value} under {@code key}; an empty value deletes the key (as Ethereum does). */
    public void put(byte[] key, byte[] value) {
        if (value.length == 0) {
            delete(key);
            return;
        }
        root = insert(root, Nibbles.fromBytes(key), 0, value.clone());
    }

    /** Removes {@code key}; nothing happens when it is absent. */
    public void delete(byte[] key) {
        root = remove(root, Nibbles.fromBytes(key), 0);
    }

    /** The root hash; {@link #EMPTY_ROOT} when empty. Computes only the encodings changed since last asked. */
    public byte[] rootHash() {
        return root == null ? EMPTY_ROOT.clone() : root.hash().clone();
    }

    /**
     * Writes the nodes built since the last commit to the store, in one batch, and returns the root
     * hash. The root is written even when shorter than 32 bytes, so the trie can be reopened by it.
     */
    public byte[] commit() {
        if (root != null && root != committedRoot) {
            List<NodeStore.Entry> batch = new ArrayList<>();
            collectNew(root, batch);
            if (!root.isReferencedByHash()) {
                batch.add(new NodeStore.Entry(root.hash(), root.encoded()));
            }
            store.write(batch);
        }
        committedRoot = root;
        return rootHash();
    }

    /**
     * The Merkle proof of {@code key}: the encoded nodes on its path from the root, the root first,
     * each node that its parent holds by hash (as {@code eth_getProof} returns them). It proves the
     * value, or the absence of the key; check it with {@link MerkleProof#verify}.
     */
    public List<byte[]> proof(byte[] key) {
        byte[] path = Nibbles.fromBytes(key);
        List<byte[]> proof = new ArrayList<>();
        int pos = 0;
        Node node = root;
        boolean isRoot = true;
        while (node != null) {
            node = resolve(node);
            if (isRoot || node.isReferencedByHash()) {
                proof.add(node.encoded().clone());
            }
            isRoot = false;
            if (node instanceof LeafNode) {
                break;
            } else if (node instanceof ExtensionNode extension) {
                if (!Nibbles.startsWith(path, pos, extension.path)) {
                    break;
                }
                pos += extension.path.length;
                node = extension.child;
            } else {
                BranchNode branch = (BranchNode) node;
                if (pos == path.length) {
                    break;
                }
                node = branch.children[path[pos++]];
            }
        }
        return proof;
    }

    /** Visits every entry in ascending key order (loading stored nodes as needed). */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        visit(root, new byte[0], visitor);
    }

    private void visit(Node node, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        if (node == null) {
            return;
        }
        node = resolve(node);
        if (node instanceof LeafNode leaf) {
            visitor.accept(keyOf(Nibbles.concat(prefix, leaf.path)), leaf.value.clone());
        } else if (node instanceof ExtensionNode extension) {
            visit(extension.child, Nibbles.concat(prefix, extension.path), visitor);
        } else {
            BranchNode branch = (BranchNode) node;
            if (branch.value != null) {
                visitor.accept(keyOf(prefix), branch.value.clone());
            }
            for (int i = 0; i < 16; i++) {
                if (branch.children[i] != null) {
                    visit(branch.children[i], childPath(prefix, i), visitor);
                }
            }
        }
    }

    /** The smallest stored key greater than {@code key}, if any (range walks, storage dumps). */
    public Optional<byte[]> nextKey(byte[] key) {
        return Optional.ofNullable(after(root, Nibbles.EMPTY, Nibbles.fromBytes(key))).map(MerklePatriciaTrie::keyOf);
    }

    /** The largest stored key smaller than {@code key}, if any. */
    public Optional<byte[]> previousKey(byte[] key) {
        return Optional.ofNullable(before(root, Nibbles.EMPTY, Nibbles.fromBytes(key))).map(MerklePatriciaTrie::keyOf);
    }

    /** The smallest key path below {@code node} (at {@code prefix}) that sorts after {@code target}. */
    private byte[] after(Node node, byte[] prefix, byte[] target) {
        if (node == null) {
            return null;
        }
        node = resolve(node);
        if (node instanceof LeafNode leaf) {
            byte[] full = Nibbles.concat(prefix, leaf.path);
            return Arrays.compare(full, target) > 0 ? full : null;
        }
        if (node instanceof ExtensionNode extension) {
            byte[] below = Nibbles.concat(prefix, extension.path);
            if (Nibbles.startsWith(target, 0, below)) {
                return after(extension.child, below, target);
            }
            return Arrays.compare(below, target) > 0 ? first(extension.child, below) : null;
        }
        BranchNode branch = (BranchNode) node;
        if (!Nibbles.startsWith(target, 0, prefix)) {
            return Arrays.compare(prefix, target) > 0 ? first(branch, prefix) : null;
        }
        int from = 0;
        if (target.length > prefix.length) {
            int index = target[prefix.length];
            byte[] found = after(branch.children[index], childPath(prefix, index), target);
            if (found != null) {
                return found;
            }
            from = index + 1;
        }
        for (int i = from; i < 16; i++) {
            if (branch.children[i] != null) {
                return first(branch.children[i], childPath(prefix, i));
            }
        }
        return null;
    }

    /** The largest key path below {@code node} (at {@code prefix}) that sorts before {@code target}. */
    private byte[] before(Node node, byte[] prefix, byte[] target) {
        if (node == null) {
            return null;
        }
        node = resolve(node);
        if (node instanceof LeafNode leaf) {
            byte[] full = Nibbles.concat(prefix, leaf.path);
            return Arrays.compare(full, target) < 0 ? full : null;
        }
        if (node instanceof ExtensionNode extension) {
            byte[] below = Nibbles.concat(prefix, extension.path);
            if (Nibbles.startsWith(target, 0, below)) {
                return before(extension.child, below, target);
            }
            return Arrays.compare(below, target) < 0 ? last(extension.child, below) : null;
        }
        BranchNode branch = (BranchNode) node;
        if (!Nibbles.startsWith(target, 0, prefix)) {
            return Arrays.compare(prefix, target) < 0 ? last(branch, prefix) : null;
        }
        if (target.length == prefix.length) {
            return null;
        }
        int index = target[prefix.length];
        byte[] found = before(branch.children[index], childPath(prefix, index), target);
        if (found != null) {
            return found;
        }
        for (int i = index - 1; i >= 0; i--) {
            if (branch.children[i] != null) {
                return last(branch.children[i], childPath(prefix, i));
            }
        }
        return branch.value != null ? prefix : null;
    }

    private byte[] first(Node node, byte[] prefix) {
        node = resolve(node);
        if (node instanceof LeafNode leaf) {
            return Nibbles.concat(prefix, leaf.path);
        }
        if (node instanceof ExtensionNode extension) {
            return first(extension.child, Nibbles.concat(prefix, extension.path));
        }
        BranchNode branch = (BranchNode) node;
        if (branch.value != null) {
            return prefix;
        }
        for (int i = 0; i < 16; i++) {
            if (branch.children[i] != null) {
                return first(branch.children[i], childPath(prefix, i));
            }
        }
        throw new TrieException("branch node without children or value");
    }

    private byte[] last(Node node, byte[] prefix) {
        node = resolve(node);
        if (node instanceof LeafNode leaf) {
            return Nibbles.concat(prefix, leaf.path);
        }
        if (node instanceof ExtensionNode extension) {
            return last(extension.child, Nibbles.concat(prefix, extension.path));
        }
        BranchNode branch = (BranchNode) node;
        for (int i = 15; i >= 0; i--) {
            if (branch.children[i] != null) {
                return last(branch.children[i], childPath(prefix, i));
            }
        }
        if (branch.value != null) {
            return prefix;
        }
        throw new TrieException("branch node without children or value");
    }

    private static byte[] childPath(byte[] prefix, int index) {
        return Nibbles.concat(prefix, new byte[] {(byte) index});
    }

    private static byte[] keyOf(byte[] path) {
        if ((path.length & 1) == 1) {
            throw new TrieException("a value sits at an odd number of nibbles: not a byte key");
        }
        return Nibbles.toBytes(path, path.length);
    }

    private Node resolve(Node node) {
        return node instanceof HashNode hashNode ? hashNode.resolve(store) : node;
    }

    /** Writes the not yet persisted nodes below and at {@code node} into {@code batch}, children first. */
    private static void collectNew(Node node, List<NodeStore.Entry> batch) {
        if (node == null || node.persisted) {
            return;
        }
        if (node instanceof ExtensionNode extension) {
            collectNew(extension.child, batch);
        } else if (node instanceof BranchNode branch) {
            for (Node child : branch.children) {
                collectNew(child, batch);
            }
        }
        if (node.isReferencedByHash()) {
            batch.add(new NodeStore.Entry(node.hash(), node.encoded()));
        }
        node.persisted = true;
    }

    /** {@code node} with {@code value} stored at {@code path} from {@code pos}; untouched nodes are reused. */
    private Node insert(Node node, byte[] path, int pos, byte[] value) {
        if (node == null) {
            return new LeafNode(Nibbles.slice(path, pos, path.length), value);
        }
        node = resolve(node);
        if (node instanceof LeafNode leaf) {
            int match = Nibbles.commonPrefix(leaf.path, path, pos);
            if (match == leaf.path.length && pos + match == path.length) {
                return Arrays.equals(leaf.value, value) ? leaf : new LeafNode(leaf.path, value);
            }
            Node[] children = new Node[16];
            byte[] branchValue = null;
            if (match == leaf.path.length) {
                branchValue = leaf.value;
            } else {
                children[leaf.path[match]] = new LeafNode(Nibbles.slice(leaf.path, match + 1, leaf.path.length), leaf.value);
            }
            if (pos + match == path.length) {
                branchValue = value;
            } else {
                children[path[pos + match]] = new LeafNode(Nibbles.slice(path, pos + match + 1, path.length), value);
            }
            return withPrefix(Nibbles.slice(leaf.path, 0, match), new BranchNode(children, branchValue));
        }
        if (node instanceof ExtensionNode extension) {
            int match = Nibbles.commonPrefix(extension.path, path, pos);
            if (match == extension.path.length) {
                Node child = insert(extension.child, path, pos + match, value);
                return child == extension.child ? extension : new ExtensionNode(extension.path, child);
            }
            Node[] children = new Node[16];
            byte[] branchValue = null;
            int restLength = extension.path.length - match - 1;
            children[extension.path[match]] = restLength == 0
                    ? extension.child
                    : new ExtensionNode(Nibbles.slice(extension.path, match + 1, extension.path.length), extension.child);
            if (pos + match == path.length) {
                branchValue = value;
            } else {
                children[path[pos + match]] = new LeafNode(Nibbles.slice(path, pos + match + 1, path.length), value);
            }
            return withPrefix(Nibbles.slice(extension.path, 0, match), new BranchNode(children, branchValue));
        }
        BranchNode branch = (BranchNode) node;
        if (pos == path.length) {
            return Arrays.equals(branch.value, value) ? branch : new BranchNode(branch.children, value);
        }
        int index = path[pos];
        Node child = insert(branch.children[index], path, pos + 1, value);
        if (child == branch.children[index]) {
            return branch;
        }
        Node[] children = branch.children.clone();
        children[index] = child;
        return new BranchNode(children, branch.value);
    }

    private static Node withPrefix(byte[] prefix, BranchNode branch) {
        return prefix.length == 0 ? branch : new ExtensionNode(prefix, branch);
    }

    /** {@code node} without the key at {@code path} from {@code pos}, collapsed to canonical form. */
    private Node remove(Node node, byte[] path, int pos) {
        if (node == null) {
            return null;
        }
        node = resolve(node);
        if (node instanceof LeafNode leaf) {
            return Nibbles.equalsRest(path, pos, leaf.path) ? null : leaf;
        }
        if (node instanceof ExtensionNode extension) {
            if (!Nibbles.startsWith(path, pos, extension.path)) {
                return extension;
            }
            Node child = remove(extension.child, path, pos + extension.path.length);
            if (child == extension.child) {
                return extension;
            }
            return prepend(extension.path, child);
        }
        BranchNode branch = (BranchNode) node;
        Node[] children = branch.children;
        byte[] value = branch.value;
        if (pos == path.length) {
            if (value == null) {
                return branch;
            }
            value = null;
        } else {
            int index = path[pos];
            Node child = remove(children[index], path, pos + 1);
            if (child == children[index]) {
                return branch;
            }
            children = children.clone();
            children[index] = child;
        }
        return collapse(children, value);
    }

    /** A branch that lost an entry: kept if it still has two, else merged into its one remaining entry. */
    private Node collapse(Node[] children, byte[] value) {
        int count = 0;
        int only = -1;
        for (int i = 0; i < 16; i++) {
            if (children[i] != null) {
                count++;
                only = i;
            }
        }
        if (count + (value == null ? 0 : 1) >= 2) {
            return new BranchNode(children, value);
        }
        if (count == 0) {
            return value == null ? null : new LeafNode(Nibbles.EMPTY, value);
        }
        return prepend(new byte[] {(byte) only}, children[only]);
    }

    /** {@code child} reached through {@code prefix}: paths merge into a leaf or extension below. */
    private Node prepend(byte[] prefix, Node child) {
        if (child == null) {
            return null;
        }
        Node resolved = resolve(child);
        if (resolved instanceof LeafNode leaf) {
            return new LeafNode(Nibbles.concat(prefix, leaf.path), leaf.value);
        }
        if (resolved instanceof ExtensionNode extension) {
            return new ExtensionNode(Nibbles.concat(prefix, extension.path), extension.child);
        }
        // A branch stays as it is (and stays unloaded if it was only a hash).
        return new ExtensionNode(prefix, child);
    }
}
