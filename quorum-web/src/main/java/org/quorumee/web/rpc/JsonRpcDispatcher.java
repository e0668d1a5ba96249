package org.quorumee.web.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.quorumee.core.evm.ExecutionAbortedException;

/**
 * JSON-RPC 2.0 over any transport: parses a request body (one request or a batch), calls the
 * registered method of each request and writes the response. Methods come from
 * {@link JsonRpcNamespace} beans, registered once by name; only the namespaces the node exposes
 * ({@code quorum.rpc.api}) are served. HTTP and WebSocket both call {@link #dispatch}.
 *
 * <p>Bounded: each response is serialised as soon as it is answered, and the response as a whole
 * may not grow past {@link Limits#maxResponseBytes()}: the item that would cross it and every item
 * after it are answered with -32003 "response too large" instead (go-ethereum's batch rule, applied
 * to single requests too), and those later items are not run at all. Each item gets its own
 * {@link ExecutionDeadline}. Error messages never carry Java internals; echoed input is cut short.
 */
public class JsonRpcDispatcher {
    private static final Logger LOG = Logger.getLogger(JsonRpcDispatcher.class.getName());
    /** As go-ethereum: a batch of more requests than this is refused whole. */
    public static final int MAX_BATCH_SIZE = 1000;
    /** geth's built-in method listing the exposed namespaces. */
    static final String MODULES_METHOD = "rpc_modules";

    private final ObjectMapper mapper;
    private final Map<String, Handler> handlers = new TreeMap<>();
    private final Limits limits;
    private final LongSupplier nanoClock;

    /**
     * What the dispatcher serves and how much it may answer.
     *
     * @param namespaces the namespaces served (all registered ones when null)
     * @param maxResponseBytes the largest response body
     * @param callTimeout each request's (batch item's) execution deadline; zero for none
     */
    public record Limits(Set<String> namespaces, long maxResponseBytes, Duration callTimeout) {
        /** Every namespace, go-ethereum's 25 MB response cap and 5 s deadline. */
        public static Limits defaults() {
            return new Limits(null, RpcSettings.DEFAULT_MAX_RESPONSE_BYTES, RpcSettings.DEFAULT_EVM_TIMEOUT);
        }

        static Limits of(RpcSettings settings) {
            return new Limits(settings.api(), settings.maxResponseBytes(), settings.evmTimeout());
        }
    }

    /** A method and the Jackson types of its JSON parameters; the injected slots (session, deadline) have none. */
    private record Handler(Object target, Method method, JavaType[] parameterTypes, int jsonParameterCount) {
    }

    /** A dispatcher for the given namespace objects, each registered by its own class, with default limits. */
    public JsonRpcDispatcher(ObjectMapper mapper, Collection<? extends JsonRpcNamespace> namespaces) {
        this(mapper, namespaces, Limits.defaults(), System::nanoTime);
    }

    /** A dispatcher for the given namespace objects with {@code limits}, timing deadlines on {@code nanoClock}. */
    public JsonRpcDispatcher(ObjectMapper mapper, Collection<? extends JsonRpcNamespace> namespaces, Limits limits,
            LongSupplier nanoClock) {
        this.mapper = configure(mapper);
        this.limits = limits;
        this.nanoClock = nanoClock;
        for (JsonRpcNamespace namespace : namespaces) {
            register(namespace.getClass(), namespace);
        }
    }

    /** A dispatcher for container beans: the map's key is the bean's class, beneath any proxy. */
    public JsonRpcDispatcher(ObjectMapper mapper, Map<Class<?>, ? extends JsonRpcNamespace> beansByClass, Limits limits) {
        this.mapper = configure(mapper);
        this.limits = limits;
        this.nanoClock = System::nanoTime;
        beansByClass.forEach(this::register);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        // A body is one JSON document: anything after it is a parse error, not ignored.
        return mapper.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private void register(Class<?> implementation, JsonRpcNamespace namespace) {
        if (limits.namespaces() != null && !limits.namespaces().contains(namespace.name().toLowerCase(Locale.ROOT))
                || !namespace.served()) {
            return;
        }
        for (Method method : implementation.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
                    || method.isSynthetic() || method.getName().equals("name") || method.getName().equals("served")) {
                continue;
            }
            String name = namespace.name() + "_" + method.getName();
            JavaType[] parameterTypes = new JavaType[method.getParameterCount()];
            int jsonParameters = 0;
            for (int i = 0; i < parameterTypes.length; i++) {
                if (!isInjected(method.getParameterTypes()[i])) {
                    parameterTypes[i] = mapper.getTypeFactory().constructType(method.getGenericParameterTypes()[i]);
                    jsonParameters++;
                }
            }
            if (handlers.put(name, new Handler(namespace, method, parameterTypes, jsonParameters)) != null) {
                throw new IllegalStateException("JSON-RPC method " + name + " is declared twice");
            }
        }
    }

    private static boolean isInjected(Class<?> type) {
        return type == JsonRpcSession.class || type == ExecutionDeadline.class;
    }

    public Set<String> methodNames() {
        return Collections.unmodifiableSet(handlers.keySet());
    }

    /** The namespaces that have at least one method served. */
    public Set<String> namespaces() {
        return handlers.keySet().stream().map(n -> n.substring(0, n.indexOf('_'))).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * The response body (UTF-8 JSON) for a request body, or {@code null} when nothing is to be
     * answered (only notifications were sent). {@code session} is the caller's connection, null
     * over HTTP; a closed session also stops the EVM work of its requests.
     */
    public byte[] dispatch(String body, JsonRpcSession session) {
        ResponseBuffer out = new ResponseBuffer(limits.maxResponseBytes());
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return out.single(error(NullNode.instance, JsonRpcException.PARSE_ERROR, "parse error", null));
        }
        if (request == null || request.isMissingNode()) {
            return out.single(error(NullNode.instance, JsonRpcException.PARSE_ERROR, "parse error: empty request body", null));
        }
        if (!request.isArray()) {
            Map<String, Object> response = call(request, session);
            return response == null ? null : out.single(response);
        }
        if (request.isEmpty()) {
            return out.single(error(NullNode.instance, JsonRpcException.INVALID_REQUEST, "empty batch", null));
        }
        if (request.size() > MAX_BATCH_SIZE) {
            return out.single(error(NullNode.instance, JsonRpcException.INVALID_REQUEST,
                    "batch too large: " + request.size() + " requests, at most " + MAX_BATCH_SIZE, null));
        }
        boolean tooLarge = false;
        for (JsonNode single : request) {
            if (tooLarge) {
                // As go-ethereum: what is left is not run; each request (not notification) gets the error.
                if (!single.isObject() || single.get("id") != null) {
                    out.forcedItem(responseTooLarge(single));
                }
                continue;
            }
            Map<String, Object> response = call(single, session);
            if (response != null && !out.item(response)) {
                tooLarge = true;
                out.forcedItem(responseTooLarge(single));
            }
        }
        return out.finishBatch();
    }

    /** One request object: the response, or null for a valid notification. */
    private Map<String, Object> call(JsonNode request, JsonRpcSession session) {
        if (!request.isObject()) {
            return error(NullNode.instance, JsonRpcException.INVALID_REQUEST, "invalid request: not a JSON object", null);
        }
        JsonNode id = request.get("id");
        boolean notification = id == null;
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            return error(NullNode.instance, JsonRpcException.INVALID_REQUEST, "invalid request: id must be a string, number or null", null);
        }
        JsonNode responseId = id == null ? NullNode.instance : id;
        if (!"2.0".equals(request.path("jsonrpc").asText(null))) {
            return error(responseId, JsonRpcException.INVALID_REQUEST, "invalid request: jsonrpc must be \"2.0\"", null);
        }
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            return error(responseId, JsonRpcException.INVALID_REQUEST, "invalid request: method must be a string", null);
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isArray() && !params.isNull()) {
            return error(responseId, JsonRpcException.INVALID_PARAMS, "invalid params: expected an array of positional parameters", null);
        }
        Object result;
        try {
            result = invoke(method.asText(), params, session);
        } catch (JsonRpcException e) {
            return notification ? null : error(responseId, e.code(), e.getMessage(), e.data());
        }
        if (notification) {
            return null;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", responseId);
        response.put("result", result);
        return response;
    }

    private Object invoke(String name, JsonNode params, JsonRpcSession session) {
        if (name.equals(MODULES_METHOD)) {
            Map<String, String> modules = new TreeMap<>();
            namespaces().forEach(n -> modules.put(n, "1.0"));
            return modules;
        }
        Handler handler = handlers.get(name);
        if (handler == null) {
            throw new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND,
                    "the method " + JsonRpcException.echo(name) + " does not exist/is not available");
        }
        int given = params == null || params.isNull() ? 0 : params.size();
        JavaType[] types = handler.parameterTypes();
        if (given > handler.jsonParameterCount()) {
            throw JsonRpcException.invalidParams("too many arguments, want at most " + handler.jsonParameterCount());
        }
        Object[] args = new Object[types.length];
        int json = 0;
        for (int i = 0; i < types.length; i++) {
            Class<?> parameter = handler.method().getParameterTypes()[i];
            if (parameter == JsonRpcSession.class) {
                if (session == null) {
                    throw new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND, "notifications not supported");
                }
                args[i] = session;
            } else if (parameter == ExecutionDeadline.class) {
                args[i] = new ExecutionDeadline(limits.callTimeout(), nanoClock, session);
            } else if (json < given) {
                try {
                    args[i] = mapper.treeToValue(params.get(json), types[i]);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw JsonRpcException.invalidParams("invalid argument " + json + ": " + unreadable(types[i], e));
                }
                json++;
            }
        }
        try {
            return handler.method().invoke(handler.target(), args);
        } catch (InvocationTargetException e) {
            throw translate(name, e.getCause());
        } catch (IllegalAccessException e) {
            throw translate(name, e);
        }
    }

    /** Why a parameter could not be read, in JSON's words rather than Jackson's. */
    private static String unreadable(JavaType type, Exception failure) {
        String where = "";
        if (failure instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            where = path.length() == 0 ? "" : " (at " + JsonRpcException.echo(path.toString()) + ")";
        }
        return "cannot read " + describe(type) + where;
    }

    private static String describe(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return "a string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return "a number";
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "an array";
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return "the value";
        }
        return "an object";
    }

    /** Errors of the method become JSON-RPC errors; a container's wrapping is looked through. */
    private static JsonRpcException translate(String name, Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof JsonRpcException) && cause.getCause() != null
                && cause.getClass().getName().startsWith("jakarta.ejb.")) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonRpcException rpc) {
            return rpc;
        }
        if (cause instanceof ExecutionAbortedException) {
            return new JsonRpcException(JsonRpcException.SERVER_ERROR, "execution aborted");
        }
        // The cause goes to the log, never to the client: no class names, no internal messages.
        LOG.log(Level.WARNING, "JSON-RPC method " + name + " failed", failure);
        return new JsonRpcException(JsonRpcException.INTERNAL_ERROR, "internal error");
    }

    private static Map<String, Object> error(JsonNode id, int code, String message, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", "2.0");
        response.put("id", id);
        response.put("error", error);
        return response;
    }

    private static Map<String, Object> responseTooLarge(JsonNode request) {
        JsonNode id = request.isObject() && request.get("id") != null ? request.get("id") : NullNode.instance;
        return error(id, JsonRpcException.RESPONSE_TOO_LARGE, "response too large", null);
    }

    /** The response that answers a request body larger than the transport accepts. */
    public byte[] requestTooLarge(long size, long limit) {
        return new ResponseBuffer(Long.MAX_VALUE).single(error(NullNode.instance, JsonRpcException.INVALID_REQUEST,
                "request too large: " + size + " bytes, at most " + limit, null));
    }

    /**
     * The response being written: each answer is serialised into it at once; an answer that would
     * take it past its limit is cut off and left out.
     */
    private final class ResponseBuffer extends OutputStream {
        private final Bytes bytes = new Bytes();
        private final long limit;
        private boolean overLimit;
        private int items;

        ResponseBuffer(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            ensureRoom(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureRoom(len);
            bytes.write(b, off, len);
        }

        private void ensureRoom(int more) throws IOException {
            if (bytes.size() + (long) more > limit) {
                overLimit = true;
                throw new IOException("response too large");
            }
        }

        /** Writes one answer of a batch; false (and nothing written) when it does not fit. */
        boolean item(Map<String, Object> response) {
            int mark = bytes.size();
            overLimit = false;
            try {
                bytes.write(items == 0 ? '[' : ',');
                mapper.writeValue(this, response);
                items++;
                return true;
            } catch (IOException | RuntimeException e) {
                bytes.truncate(mark);
                if (overLimit) {
                    return false;
                }
                throw new IllegalStateException("cannot serialise a JSON-RPC response", e);
            }
        }

        /** Writes a short error of a batch past the limit: every request of a batch gets an answer. */
        void forcedItem(Map<String, Object> response) {
            bytes.write(items == 0 ? '[' : ',');
            bytes.writeBytes(serialise(response));
            items++;
        }

        byte[] finishBatch() {
            if (items == 0) {
                return null;
            }
            bytes.write(']');
            return bytes.toByteArray();
        }

        /** The whole body for one answer, or the "response too large" error in its place. */
        byte[] single(Map<String, Object> response) {
            try {
                mapper.writeValue(this, response);
                return bytes.toByteArray();
            } catch (IOException | RuntimeException e) {
                if (!overLimit) {
                    throw new IllegalStateException("cannot serialise a JSON-RPC response", e);
                }
                JsonNode id = response.get("id") instanceof JsonNode node ? node : NullNode.instance;
                return serialise(error(id, JsonRpcException.RESPONSE_TOO_LARGE, "response too large", null));
            }
        }

        private byte[] serialise(Map<String, Object> response) {
            try {
                return mapper.writeValueAsBytes(response);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise a JSON-RPC error", e);
            }
        }
    }

    /** A byte buffer that can drop what was written after a mark. */
    private static final class Bytes extends ByteArrayOutputStream {
        void truncate(int size) {
            count = size;
        }
    }
}
