package org.quorumee.web.rpc;

/**
 * Block parameters as go-ethereum reads them: a hex number, or one of the tags. A node of a
 * finality-based network (single node, Raft, IBFT) has no pending block and finalises what it
 * stores, so "pending", "safe" and "finalized" all mean the head.
 */
public final class BlockTags {
    private BlockTags() {
    }

    /** The block number {@code tag} names, given the current head (null tag: "latest"). */
    public static long resolve(String tag, long head) {
        if (tag == null) {
            return head;
        }
        switch (tag) {
            case "latest", "pending", "safe", "finalized":
                return head;
            case "earliest":
                return 0;
            default:
                if (!tag.startsWith("0x")) {
                    throw JsonRpcException.invalidParams("invalid block number or tag: " + JsonRpcException.echo(tag));
                }
                java.math.BigInteger number = Quantities.decode(tag, "block number");
                if (number.bitLength() > 63) {
                    throw JsonRpcException.invalidParams("block number too large: " + JsonRpcException.echo(tag));
                }
                return number.longValue();
        }
    }
}
