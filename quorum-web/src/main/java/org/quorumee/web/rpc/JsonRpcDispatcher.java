package org.quorumee.web.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JSON-RPC 2.0 over any transport: parses a request body (one request or a batch), calls the
 * registered method of each request and builds the response. Methods come from
 * {@link JsonRpcNamespace} beans, registered once by name; HTTP and WebSocket both call
 * {@link #dispatch(String)}.
 */
public class JsonRpcDispatcher {
    private static final Logger LOG = Logger.getLogger(JsonRpcDispatcher.class.getName());
    /** As go-ethereum: a batch of more requests than this is refused whole. */
    public static final int MAX_BATCH_SIZE = 1000;

    private final ObjectMapper mapper;
    private final Map<String, Handler> handlers = new TreeMap<>();

    /** A method and the Jackson types of its JSON parameters; a null type marks the session slot. */
    private record Handler(Object target, Method method, JavaType[] parameterTypes, int jsonParameterCount) {
    }

    /** A dispatcher for the given namespace objects, each registered by its own class. */
    public JsonRpcDispatcher(ObjectMapper mapper, Collection<? extends JsonRpcNamespace> namespaces) {
        this.mapper = mapper;
        for (JsonRpcNamespace namespace : namespaces) {
            register(namespace.getClass(), namespace);
        }
    }

    /** A dispatcher for container beans: {@code implementation} is the bean's class, beneath any proxy. */
    public JsonRpcDispatcher(ObjectMapper mapper, Map<Class<?>, ? extends JsonRpcNamespace> beansByClass) {
        this.mapper = mapper;
        beansByClass.forEach(this::register);
    }

    private void register(Class<?> implementation, JsonRpcNamespace namespace) {
        for (Method method : implementation.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
                    || method.isSynthetic() || method.getName().equals("name")) {
                continue;
            }
            String name = namespace.name() + "_" + method.getName();
            JavaType[] parameterTypes = new JavaType[method.getParameterCount()];
            int jsonParameters = 0;
            for (int i = 0; i < parameterTypes.length; i++) {
                if (method.getParameterTypes()[i] != JsonRpcSession.class) {
                    parameterTypes[i] = mapper.getTypeFactory().constructType(method.getGenericParameterTypes()[i]);
                    jsonParameters++;
                }
            }
            if (handlers.put(name, new Handler(namespace, method, parameterTypes, jsonParameters)) != null) {
                throw new IllegalStateException("JSON-RPC method " + name + " is declared twice");
            }
        }
    }

    public Set<String> methodNames() {
        return handlers.keySet();
    }

    /**
     * The response body for a request body, or {@code null} when nothing is to be answered (only
     * notifications were sent). {@code session} is the caller's connection, null over HTTP.
     */
    public JsonNode dispatch(String body, JsonRpcSession session) {
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return error(NullNode.instance, JsonRpcException.PARSE_ERROR, "parse error: " + e.getOriginalMessage(), null);
        }
        if (request == null || request.isMissingNode()) {
            return error(NullNode.instance, JsonRpcException.PARSE_ERROR, "parse error: empty request body", null);
        }
        if (!request.isArray()) {
            return call(request, session);
        }
        if (request.isEmpty()) {
            return error(NullNode.instance, JsonRpcException.INVALID_REQUEST, "empty batch", null);
        }
        if (request.size() > MAX_BATCH_SIZE) {
            return error(NullNode.instance, JsonRpcException.INVALID_REQUEST,
                    "batch too large: " + request.size() + " requests, at most " + MAX_BATCH_SIZE, null);
        }
        ArrayNode responses = JsonNodeFactory.instance.arrayNode();
        for (JsonNode single : request) {
            JsonNode response = call(single, session);
            if (response != null) {
                responses.add(response);
            }
        }
        return responses.isEmpty() ? null : responses;
    }

    /** One request object: the response, or null for a valid notification. */
    private JsonNode call(JsonNode request, JsonRpcSession session) {
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
        JsonNode result;
        try {
            result = invoke(method.asText(), params, session);
        } catch (JsonRpcException e) {
            return notification ? null : error(responseId, e.code(), e.getMessage(), e.data());
        }
        if (notification) {
            return null;
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", responseId);
        response.set("result", result);
        return response;
    }

    private JsonNode invoke(String name, JsonNode params, JsonRpcSession session) {
        Handler handler = handlers.get(name);
        if (handler == null) {
            throw new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND, "the method " + name + " does not exist/is not available");
        }
        int given = params == null || params.isNull() ? 0 : params.size();
        JavaType[] types = handler.parameterTypes();
        if (given > handler.jsonParameterCount()) {
            throw JsonRpcException.invalidParams("too many arguments, want at most " + handler.jsonParameterCount());
        }
        Object[] args = new Object[types.length];
        int json = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == null) {
                if (session == null) {
                    throw new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND, "notifications not supported");
                }
                args[i] = session;
            } else if (json < given) {
                try {
                    args[i] = mapper.treeToValue(params.get(json), types[i]);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw JsonRpcException.invalidParams("invalid argument " + json + ": " + e.getMessage());
                }
                json++;
            }
        }
        try {
            return mapper.valueToTree(handler.method().invoke(handler.target(), args));
        } catch (InvocationTargetException e) {
            throw translate(name, e.getCause());
        } catch (IllegalAccessException e) {
            throw translate(name, e);
        }
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
        LOG.log(Level.WARNING, "JSON-RPC method " + name + " failed", failure);
        return new JsonRpcException(JsonRpcException.INTERNAL_ERROR, "internal error: " + cause);
    }

    private JsonNode error(JsonNode id, int code, String message, Object data) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", mapper.valueToTree(data));
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("error", error);
        return response;
    }

    /** Serialises a response; used by the transports. */
    public String write(JsonNode response) {
        try {
            return mapper.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON-RPC response", e);
        }
    }

    /** The response that answers a request body larger than the transport accepts. */
    public JsonNode requestTooLarge(long size, long limit) {
        return error(NullNode.instance, JsonRpcException.INVALID_REQUEST,
                "request too large: " + size + " bytes, at most " + limit, null);
    }
}
