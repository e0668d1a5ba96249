package org.quorumee.web.rpc.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.quorumee.web.rpc.JsonRpcDispatcher;
import org.quorumee.web.rpc.JsonRpcService;

/**
 * JSON-RPC over HTTP POST: one request or a batch per body. Who may call (Host, Origin) and with
 * which content type is checked before, by {@link HttpAccessFilter}.
 */
@Path("/")
public class JsonRpcResource {

    @Inject
    JsonRpcService service;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(InputStream body) throws IOException {
        JsonRpcDispatcher dispatcher = service.dispatcher();
        long limit = service.maxRequestBytes();
        // Read at most one byte past the limit: a huge body is refused without being held in memory.
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .entity(dispatcher.requestTooLarge(bytes.length, limit))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        }
        byte[] response = dispatcher.dispatch(new String(bytes, StandardCharsets.UTF_8), null);
        if (response == null) {
            return Response.noContent().build();
        }
        return Response.ok(response, MediaType.APPLICATION_JSON).build();
    }
}
