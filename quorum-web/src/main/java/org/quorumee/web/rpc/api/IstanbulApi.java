package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.types.Address;
import org.quorumee.node.NodeService;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.node.consensus.ibft.IbftEngine;
import org.quorumee.web.rpc.BlockTags;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/**
 * GoQuorum's istanbul namespace ({@code consensus/istanbul/backend/api.go}), for IBFT and QBFT alike:
 * validators and vote snapshots at a block, this node's votes, who proposed and committed a block,
 * and who proposed how many of recent blocks. Served only on a node that runs IBFT or QBFT; elsewhere
 * its methods do not exist, as on GoQuorum.
 */
@ApplicationScoped
public class IstanbulApi implements JsonRpcNamespace {
    /** Blocks {@code istanbul_status} looks at without a range (GoQuorum's). */
    static final long STATUS_BLOCKS = 64;

    @EJB
    IbftEngine engine;

    @EJB
    NodeService node;

    @EJB
    ChainReader chain;

    @Override
    public String name() {
        return "istanbul";
    }

    @Override
    public boolean served() {
        String consensus = node.consensusName();
        return "istanbul".equals(consensus) || "qbft".equals(consensus);
    }

    /** The vote snapshot after a block (default: the head): epoch, number, hash, votes, tally, validators, policy. */
    public Map<String, Object> getSnapshot(String block) {
        return engine.snapshotAfter(header(block)).toJsonData();
    }

    public Map<String, Object> getSnapshotAtHash(String hash) {
        return engine.snapshotAfter(headerByHash(hash)).toJsonData();
    }

    /** The validators after a block (default: the head). */
    public List<String> getValidators(String block) {
        return addresses(engine.snapshotAfter(header(block)).validators());
    }

    public List<String> getValidatorsAtHash(String hash) {
        return addresses(engine.snapshotAfter(headerByHash(hash)).validators());
    }

    /** This node's votes: address → true (add) / false (drop). */
    public Map<String, Boolean> candidates() {
        Map<String, Boolean> out = new TreeMap<>();
        engine.candidates().candidates().forEach((address, authorize) -> out.put(address.toString(), authorize));
        return out;
    }

    /** Votes to add ({@code true}) or drop a validator in the blocks this node proposes; null. */
    public Object propose(String address, Boolean authorize) {
        if (address == null || authorize == null) {
            throw JsonRpcException.invalidParams("missing value for required argument " + (address == null ? 0 : 1));
        }
        engine.candidates().propose(Quantities.decodeAddress(address, "address"), authorize);
        return null;
    }

    /** Stops voting on an address; null. */
    public Object discard(String address) {
        if (address == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0");
        }
        engine.candidates().discard(Quantities.decodeAddress(address, "address"));
        return null;
    }

    /** The address this node signs seals and messages with. */
    public String nodeAddress() {
        return node.address().toString();
    }

    /** {@code {Number, Hash, Author, Committers}} of a block (default: the head), GoQuorum's keys. */
    public Map<String, Object> getSignersFromBlock(String block) {
        return signers(header(block));
    }

    public Map<String, Object> getSignersFromBlockByHash(String hash) {
        return signers(headerByHash(hash));
    }

    /**
     * {@code {sealerActivity: {validator: blocks proposed}, numBlocks}} over blocks {@code start..end}
     * (both or neither; neither: the last {@value #STATUS_BLOCKS} blocks), GoQuorum's rules and texts.
     */
    public Map<String, Object> status(String startBlock, String endBlock) {
        if (startBlock != null && endBlock == null) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "pass the end block number");
        }
        if (startBlock == null && endBlock != null) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "pass the start block number");
        }
        long head = chain.head().number();
        long start;
        long end;
        long numBlocks;
        if (startBlock == null) {
            end = head;
            numBlocks = STATUS_BLOCKS;
            start = end - numBlocks;
        } else {
            start = BlockTags.resolve(startBlock, head);
            end = BlockTags.resolve(endBlock, head);
            if (start > end) {
                throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "start block number should be less than end block number");
            }
            if (end > head) {
                throw new JsonRpcException(JsonRpcException.SERVER_ERROR,
                        "end block number should be less than or equal to current block height");
            }
            numBlocks = end - start;
        }
        if (numBlocks >= end) {
            // genesis has no proposer: count from block 1
            start = 1;
            numBlocks = end > start ? end - start : 0;
        }
        Map<String, Integer> activity = new TreeMap<>();
        for (Address validator : engine.snapshotAfter(headerAt(end)).validators()) {
            activity.put(validator.toString(), 0);
        }
        for (long n = start; n <= end; n++) {
            activity.merge(engine.author(headerAt(n)).toString(), 1, Integer::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sealerActivity", activity);
        out.put("numBlocks", numBlocks);
        return out;
    }

    /** Whether this node is a validator after a block (default: the head). */
    public boolean isValidator(String block) {
        return engine.snapshotAfter(header(block)).validators().contains(node.address());
    }

    private Map<String, Object> signers(BlockHeader header) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Number", header.number());
        out.put("Hash", Hex.encode(header.hash()));
        out.put("Author", header.number() == 0 ? Address.ZERO.toString() : engine.author(header).toString());
        out.put("Committers", addresses(engine.committers(header)));
        return out;
    }

    private BlockHeader header(String block) {
        return headerAt(BlockTags.resolve(block, chain.head().number()));
    }

    private BlockHeader headerAt(long number) {
        return chain.header(number).orElseThrow(IstanbulApi::unknownBlock);
    }

    private BlockHeader headerByHash(String hash) {
        if (hash == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0");
        }
        return chain.headerByHash(Quantities.decodeHash(hash, "hash")).orElseThrow(IstanbulApi::unknownBlock);
    }

    private static JsonRpcException unknownBlock() {
        return new JsonRpcException(JsonRpcException.SERVER_ERROR, "unknown block");
    }

    private static List<String> addresses(List<Address> addresses) {
        return addresses.stream().map(Address::toString).toList();
    }
}
