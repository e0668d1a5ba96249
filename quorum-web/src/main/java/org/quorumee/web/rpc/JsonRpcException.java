package org.quorumee.web.rpc;

/** A failure answered as a JSON-RPC error object: code, message and optional data. */
public class JsonRpcException extends RuntimeException {
    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** go-ethereum's code for a reverted call (data holds the revert output). */
    public static final int EXECUTION_REVERTED = 3;
    /** EIP-1474: a request over a limit of the node (e.g. an eth_getLogs range). */
    public static final int LIMIT_EXCEEDED = -32005;
    /** go-ethereum's generic code for a rejected transaction or call ("nonce too low", ...). */
    public static final int SERVER_ERROR = -32000;
    /** go-ethereum's code for a (batch) response over the size limit. */
    public static final int RESPONSE_TOO_LARGE = -32003;
    /** Input echoed in an error message is cut to this many characters. */
    static final int MAX_ECHO = 80;

    private final int code;
    private final transient Object data;

    public JsonRpcException(int code, String message) {
        this(code, message, null);
    }

    public JsonRpcException(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public static JsonRpcException invalidParams(String message) {
        return new JsonRpcException(INVALID_PARAMS, message);
    }

    /** Client input as an error message may quote it: at most {@value #MAX_ECHO} characters. */
    public static String echo(String input) {
        if (input == null) {
            return "null";
        }
        return input.length() <= MAX_ECHO ? input : input.substring(0, MAX_ECHO) + "...";
    }

    public int code() {
        return code;
    }

    public Object data() {
        return data;
    }
}
