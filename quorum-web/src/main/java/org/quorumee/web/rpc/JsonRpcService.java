package org.quorumee.web.rpc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/** The node's one JSON-RPC dispatcher, built from every {@link JsonRpcNamespace} bean deployed. */
@ApplicationScoped
public class JsonRpcService {
    private static final Logger LOG = Logger.getLogger(JsonRpcService.class.getName());
    /** go-ethereum's default limit on a request body. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 5L * 1024 * 1024;

    @Inject
    @Any
    Instance<JsonRpcNamespace> namespaces;

    private JsonRpcDispatcher dispatcher;
    private long maxRequestBytes;

    @PostConstruct
    void init() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        Map<Class<?>, JsonRpcNamespace> beans = new LinkedHashMap<>();
        namespaces.handles().forEach(handle -> beans.put(handle.getBean().getBeanClass(), handle.get()));
        dispatcher = new JsonRpcDispatcher(mapper, beans);
        maxRequestBytes = Long.getLong("quorum.rpc.maxRequestBytes", DEFAULT_MAX_REQUEST_BYTES);
        LOG.info(() -> "JSON-RPC methods: " + dispatcher.methodNames());
    }

    public JsonRpcDispatcher dispatcher() {
        return dispatcher;
    }

    /** Requests larger than this are answered with an error without being read whole. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }
}
