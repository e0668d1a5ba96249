package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.trace.StructLogger;
import org.quorumee.node.chain.CallService;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.web.rpc.BlockTags;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;

/** The debug namespace: go-ethereum's struct-log transaction tracing and raw blocks. */
@ApplicationScoped
public class DebugApi implements JsonRpcNamespace {
    private static final Set<String> OPTIONS = Set.of("disableStack", "disableMemory", "enableMemory", "disableStorage",
            "enableReturnData", "timeout");

    @EJB
    CallService calls;

    @EJB
    ChainReader chain;

    @Override
    public String name() {
        return "debug";
    }

    /**
     * The default (struct log) trace of a mined transaction. Options as geth's: {@code disableStack},
     * {@code enableMemory} (or {@code disableMemory: false}), {@code disableStorage}; named tracers
     * are not supported.
     */
    public Map<String, Object> traceTransaction(String hash, Map<String, Object> config) {
        if (hash == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0: the transaction hash");
        }
        byte[] txHash = Quantities.decodeHash(hash, "hash");
        try {
            return calls.traceTransaction(txHash, options(config))
                    .orElseThrow(() -> new JsonRpcException(JsonRpcException.SERVER_ERROR, "transaction not found"));
        } catch (InvalidBlockException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "cannot re-execute the block: " + e.getMessage());
        }
    }

    /** geth's debug_getRawBlock: a stored block whole, in its RLP encoding, as peers exchange it. */
    public String getRawBlock(String block) {
        if (block == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0: the block");
        }
        long number = BlockTags.resolve(block, chain.head().number());
        return chain.fullBlock(number).map(b -> Hex.encode(b.encode()))
                .orElseThrow(() -> new JsonRpcException(JsonRpcException.SERVER_ERROR, "block not found"));
    }

    static StructLogger.Options options(Map<String, Object> config) {
        if (config == null) {
            return StructLogger.Options.DEFAULT;
        }
        for (String key : config.keySet()) {
            if (key.equals("tracer") || key.equals("tracerConfig")) {
                throw JsonRpcException.invalidParams("only the default struct-log tracer is supported");
            }
            if (!OPTIONS.contains(key)) {
                throw JsonRpcException.invalidParams("unknown trace option: " + key);
            }
        }
        boolean enableMemory = flag(config, "enableMemory")
                || config.containsKey("disableMemory") && !flag(config, "disableMemory");
        return new StructLogger.Options(flag(config, "disableStack"), enableMemory, flag(config, "disableStorage"));
    }

    private static boolean flag(Map<String, Object> config, String name) {
        Object value = config.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw JsonRpcException.invalidParams("trace option " + name + " must be a boolean");
        }
        return b;
    }
}
