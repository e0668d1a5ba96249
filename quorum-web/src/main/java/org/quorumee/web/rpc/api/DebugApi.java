package org.quorumee.web.rpc.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.evm.ExecutionAbortedException;
import org.quorumee.core.trace.StructLogger;
import org.quorumee.core.trace.TraceTooLargeException;
import org.quorumee.node.chain.CallService;
import org.quorumee.node.chain.ChainReader;
import org.quorumee.web.rpc.BlockTags;
import org.quorumee.web.rpc.ExecutionDeadline;
import org.quorumee.web.rpc.GoDurations;
import org.quorumee.web.rpc.JsonRpcException;
import org.quorumee.web.rpc.JsonRpcNamespace;
import org.quorumee.web.rpc.Quantities;
import org.quorumee.web.rpc.RpcSettings;

/** The debug namespace: go-ethereum's struct-log transaction tracing and raw blocks. */
@ApplicationScoped
public class DebugApi implements JsonRpcNamespace {
    private static final Set<String> OPTIONS = Set.of("disableStack", "disableMemory", "enableMemory", "disableStorage",
            "enableReturnData", "timeout");
    /** geth's default time for a trace. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    @EJB
    CallService calls;

    @EJB
    ChainReader chain;
    private final RpcSettings settings = RpcSettings.system();

    @Override
    public String name() {
        return "debug";
    }

    /**
     * The default (struct log) trace of a mined transaction. Options as geth's: {@code disableStack},
     * {@code enableMemory} (or {@code disableMemory: false}), {@code disableStorage}, {@code timeout}
     * (a Go duration such as "10s" or "500ms", default 5 s); named tracers are not supported. A trace
     * whose JSON would pass {@code quorum.rpc.maxResponseBytes} is refused (-32005).
     */
    public Map<String, Object> traceTransaction(ExecutionDeadline deadline, String hash, Map<String, Object> config) {
        if (hash == null) {
            throw JsonRpcException.invalidParams("missing value for required argument 0: the transaction hash");
        }
        byte[] txHash = Quantities.decodeHash(hash, "hash");
        StructLogger.Options options = options(config);
        ExecutionDeadline traceDeadline = deadline.withTimeout(timeout(config));
        long limit = settings.maxResponseBytes();
        try {
            return calls.traceTransaction(txHash, options, traceDeadline.abortCheck(), limit)
                    .orElseThrow(() -> new JsonRpcException(JsonRpcException.SERVER_ERROR, "transaction not found"));
        } catch (InvalidBlockException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "cannot re-execute the block: " + e.getMessage());
        } catch (ExecutionAbortedException e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "execution timeout");
        } catch (TraceTooLargeException e) {
            throw new JsonRpcException(JsonRpcException.LIMIT_EXCEEDED, "trace larger than " + limit
                    + " bytes (quorum.rpc.maxResponseBytes); leave out stack, memory or storage to shorten it");
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
                throw JsonRpcException.invalidParams("unknown trace option: " + JsonRpcException.echo(key));
            }
        }
        boolean enableMemory = flag(config, "enableMemory")
                || config.containsKey("disableMemory") && !flag(config, "disableMemory");
        return new StructLogger.Options(flag(config, "disableStack"), enableMemory, flag(config, "disableStorage"));
    }

    /** The {@code timeout} option: a Go duration string; 5 s when absent. */
    static Duration timeout(Map<String, Object> config) {
        Object value = config == null ? null : config.get("timeout");
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        if (!(value instanceof String text)) {
            throw JsonRpcException.invalidParams("trace option timeout must be a duration string such as \"10s\"");
        }
        try {
            Duration timeout = GoDurations.parse(text);
            if (timeout.isZero()) {
                throw new IllegalArgumentException("zero");
            }
            return timeout;
        } catch (IllegalArgumentException e) {
            throw JsonRpcException.invalidParams("invalid trace timeout: " + JsonRpcException.echo(text));
        }
    }

    private static boolean flag(Map<String, Object> config, String name) {
        Object value = config.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw JsonRpcException.invalidParams("trace option " + JsonRpcException.echo(name) + " must be a boolean");
        }
        return b;
    }
}
