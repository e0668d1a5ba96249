package org.quorumee.web.tm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.quorumee.core.privacy.AffectedTransaction;
import org.quorumee.core.privacy.BoxPublicKey;
import org.quorumee.core.privacy.PayloadHash;
import org.quorumee.core.privacy.PrivacyMetadata;
import org.quorumee.core.privacy.PrivatePayload;
import org.quorumee.node.NodeService;
import org.quorumee.node.privacy.InvalidPrivacyRequestException;
import org.quorumee.node.privacy.PayloadNotFoundException;
import org.quorumee.node.privacy.PrivacyManager;
import org.quorumee.node.privacy.PublishException;
import org.quorumee.node.privacy.TransactionManager;
import org.quorumee.node.privacy.TransactionManagerUnavailableException;
import org.quorumee.node.privacy.UnknownPartyException;

/**
 * Tessera's transaction manager API under {@code /tm} on the node's HTTP port (GoQuorum's Q2T and
 * Tessera's third-party API on one listener, so web3js-quorum's {@code privateUrl} is
 * {@code http://host:port/tm}). Status codes as Tessera's: 400 for a body or key that cannot be read
 * or a request refused, 404 for an unknown recipient, sender key or hash (and for a payload this
 * node is not a party to), 410 when a remote recipient did not acknowledge, 500 when the store
 * cannot answer. Error bodies are plain text.
 */
@Path("tm")
public class TransactionManagerResource {
    private static final Logger LOG = Logger.getLogger(TransactionManagerResource.class.getName());
    /** The API versions GoQuorum may use here: 1.0 only, as only standard privacy is served. */
    static final List<String> API_VERSIONS = List.of("1.0");
    /** Bodies larger than this are refused (413) before being read whole. */
    private static final long MAX_REQUEST_BYTES = Long.getLong("quorum.tm.maxRequestBytes", 16L * 1024 * 1024);
    private static final String C11N_FROM = "c11n-from";
    private static final String C11N_TO = "c11n-to";
    private static final String C11N_KEY = "c11n-key";

    @EJB
    PrivacyManager privacy;

    @GET
    @Path("upcheck")
    @Produces(MediaType.TEXT_PLAIN)
    public String upcheck() {
        return "I'm up!";
    }

    @GET
    @Path("version")
    @Produces(MediaType.TEXT_PLAIN)
    public String version() {
        return String.valueOf(NodeService.class.getPackage().getImplementationVersion());
    }

    @GET
    @Path("version/api")
    @Produces(MediaType.APPLICATION_JSON)
    public String apiVersions() {
        return TmRequests.json(API_VERSIONS);
    }

    /** This node's public keys: {@code {"keys":[{"key":"<base64>"}]}}. */
    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    public String keys() {
        return keysJson(privacy.localKeys());
    }

    /** Every key known, this node's and the remote parties'. */
    @GET
    @Path("partyinfo/keys")
    @Produces(MediaType.APPLICATION_JSON)
    public String partyKeys() {
        return keysJson(privacy.knownParties().keySet());
    }

    /** {@code {payload, from?, to?, privacyFlag?...}} → 201, Location, {@code {key, managedParties, senderKey}}. */
    @POST
    @Path("send")
    @Consumes(MediaType.WILDCARD)
    public Response send(InputStream body) {
        return answer(() -> {
            TmRequests.Send request = TmRequests.send(read(body));
            TransactionManager.SendResult sent = privacy.send(request.payload(), request.from(), request.to(), request.metadata());
            return created(sent);
        });
    }

    /** Raw payload bytes, headers {@code c11n-from} and {@code c11n-to} → 200, the hash as text. */
    @POST
    @Path("sendraw")
    @Consumes(MediaType.WILDCARD)
    public Response sendRaw(@HeaderParam(C11N_FROM) String from, @HeaderParam(C11N_TO) String to, InputStream body) {
        return answer(() -> {
            byte[] payload = read(body);
            if (payload.length == 0) {
                throw new BadTmRequestException("the payload is empty");
            }
            BoxPublicKey sender = from == null || from.isBlank() ? null : TmRequests.key(from);
            TransactionManager.SendResult sent = privacy.send(payload, sender, TmRequests.keyList(to), PrivacyMetadata.STANDARD);
            return Response.ok(sent.hash().toBase64(), MediaType.TEXT_PLAIN).header(HttpHeaders.LOCATION, location(sent.hash())).build();
        });
    }

    /** {@code {payload, from?}} → 200 {@code {key}}: sealed for the sender only, for external signing. */
    @POST
    @Path("storeraw")
    @Consumes(MediaType.WILDCARD)
    public Response storeRaw(InputStream body) {
        return answer(() -> {
            TmRequests.Send request = TmRequests.storeRaw(read(body));
            PayloadHash hash = privacy.storeRaw(request.payload(), request.from());
            ObjectNode json = TmRequests.JSON.createObjectNode().put("key", hash.toBase64());
            return Response.ok(json.toString(), MediaType.APPLICATION_JSON).build();
        });
    }

    /**
     * Sends a raw payload to its recipients. As JSON ({@code {hash, to, privacyFlag...}}): 201 and
     * {@code {key, managedParties, senderKey}}. As octets (the 64-byte hash, header {@code c11n-to}):
     * 200 and the hash as text, with the sender and managed parties in headers as GoQuorum reads them.
     */
    @POST
    @Path("sendsignedtx")
    @Consumes(MediaType.WILDCARD)
    public Response sendSignedTransaction(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                          @HeaderParam(C11N_TO) String to, InputStream body) {
        return answer(() -> {
            byte[] bytes = read(body);
            if (isJson(contentType)) {
                TmRequests.SendSigned request = TmRequests.sendSigned(bytes);
                return created(privacy.sendSignedTransaction(request.hash(), request.to(), request.metadata()));
            }
            if (bytes.length != PayloadHash.LENGTH) {
                throw new BadTmRequestException("the body is the " + PayloadHash.LENGTH + "-byte hash /storeraw gave, found "
                        + bytes.length + " bytes");
            }
            TransactionManager.SendResult sent = privacy.sendSignedTransaction(PayloadHash.of(bytes), TmRequests.keyList(to),
                    PrivacyMetadata.STANDARD);
            return Response.ok(sent.hash().toBase64(), MediaType.TEXT_PLAIN)
                    .header(HttpHeaders.LOCATION, location(sent.hash()))
                    .header("Tesserasender", sent.sender().toBase64())
                    .header("Tesseramanagedparties", joined(sent.managedParties()))
                    .build();
        });
    }

    /**
     * The payload of a hash, opened ({@code ?to=} one of our keys, {@code ?isRaw=true} a raw payload),
     * and {@code /isSender}, {@code /participants}, {@code /mandatory} of it. The hash may come with
     * {@code /} as {@code %2F} and {@code +} literal (Go) or as {@code %2B} (Java): read undecoded and
     * decoded here, {@code +} never becoming a space.
     */
    @GET
    @Path("transaction/{rest: .+}")
    public Response transaction(@Encoded @PathParam("rest") String rest, @Encoded @QueryParam("to") String to,
                                @QueryParam("isRaw") String isRaw) {
        return answer(() -> {
            String path = TmRequests.decodePercent(rest);
            if (path.endsWith("/isSender")) {
                PayloadHash hash = TmRequests.hash(strip(path, "/isSender"));
                return Response.ok(String.valueOf(privacy.isSender(hash)), MediaType.TEXT_PLAIN).build();
            }
            if (path.endsWith("/participants")) {
                PayloadHash hash = TmRequests.hash(strip(path, "/participants"));
                return Response.ok(joined(privacy.participants(hash)), MediaType.TEXT_PLAIN).build();
            }
            if (path.endsWith("/mandatory")) {
                PayloadHash hash = TmRequests.hash(strip(path, "/mandatory"));
                privacy.participants(hash);
                throw new InvalidPrivacyRequestException(
                        "Operation invalid. Transaction found is not a mandatory recipients privacy type");
            }
            if (isRaw != null && !isRaw.equalsIgnoreCase("true") && !isRaw.equalsIgnoreCase("false")) {
                throw new BadTmRequestException("isRaw must be true or false");
            }
            String toKey = TmRequests.decodePercent(to);
            return received(TmRequests.hash(path), toKey == null || toKey.isBlank() ? null : TmRequests.key(toKey),
                    "true".equalsIgnoreCase(isRaw));
        });
    }

    /** Deletes a stored payload: 204, or 404. */
    @DELETE
    @Path("transaction/{rest: .+}")
    public Response delete(@Encoded @PathParam("rest") String rest) {
        return answer(() -> {
            privacy.delete(TmRequests.hash(TmRequests.decodePercent(rest)));
            return Response.noContent().build();
        });
    }

    /** Tessera's deprecated form of delete: {@code {key}} → 200. */
    @POST
    @Path("delete")
    @Consumes(MediaType.WILDCARD)
    public Response deleteByBody(InputStream body) {
        return answer(() -> {
            privacy.delete(TmRequests.deleteKey(read(body)));
            return Response.ok("Delete successful", MediaType.TEXT_PLAIN).build();
        });
    }

    /** The legacy receive: {@code {key, to?, isRaw?}} in the body of a GET. */
    @GET
    @Path("receive")
    @Consumes(MediaType.WILDCARD)
    public Response receive(InputStream body) {
        return answer(() -> {
            TmRequests.Receive request = TmRequests.receive(read(body));
            return received(request.hash(), request.to(), request.raw());
        });
    }

    /** The payload's plaintext bytes: hash in {@code c11n-key}, our key in {@code c11n-to}. */
    @GET
    @Path("receiveraw")
    public Response receiveRaw(@HeaderParam(C11N_KEY) String key, @HeaderParam(C11N_TO) String to) {
        return answer(() -> {
            if (key == null || key.isBlank()) {
                throw new BadTmRequestException("the c11n-key header (the payload's hash) is required");
            }
            PayloadHash hash = TmRequests.hash(key);
            PrivatePayload payload = privacy.receive(hash, to == null || to.isBlank() ? null : TmRequests.key(to))
                    .orElseThrow(() -> new PayloadNotFoundException("Message", hash));
            return Response.ok(payload.plaintext(), MediaType.APPLICATION_OCTET_STREAM).build();
        });
    }

    private Response received(PayloadHash hash, BoxPublicKey to, boolean raw) {
        Optional<PrivatePayload> found = raw ? privacy.receiveRaw(hash) : privacy.receive(hash, to);
        PrivatePayload payload = found.orElseThrow(() -> new PayloadNotFoundException(raw ? "Raw Message" : "Message", hash));
        ObjectNode json = TmRequests.JSON.createObjectNode();
        json.put("payload", Base64.getEncoder().encodeToString(payload.plaintext()));
        json.put("privacyFlag", payload.metadata().mode().flag());
        ArrayNode affected = json.putArray("affectedContractTransactions");
        for (AffectedTransaction transaction : payload.metadata().affectedContractTransactions()) {
            affected.add(Base64.getEncoder().encodeToString(transaction.transactionHash()));
        }
        json.put("execHash", new String(payload.metadata().execHash(), StandardCharsets.UTF_8));
        ArrayNode managed = json.putArray("managedParties");
        payload.managedParties().forEach(k -> managed.add(k.toBase64()));
        json.put("senderKey", payload.sender().toBase64());
        payload.metadata().privacyGroup().ifPresent(g -> json.put("privacyGroupId", Base64.getEncoder().encodeToString(g)));
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON).build();
    }

    private static Response created(TransactionManager.SendResult sent) {
        ObjectNode json = TmRequests.JSON.createObjectNode();
        json.put("key", sent.hash().toBase64());
        ArrayNode managed = json.putArray("managedParties");
        sent.managedParties().forEach(k -> managed.add(k.toBase64()));
        json.put("senderKey", sent.sender().toBase64());
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.LOCATION, location(sent.hash())).entity(json.toString()).build();
    }

    /** Tessera's Location: relative to the request ({@code /tm/send} → {@code /tm/transaction/...}), URL-encoded. */
    static String location(PayloadHash hash) {
        return "transaction/" + URLEncoder.encode(hash.toBase64(), StandardCharsets.UTF_8);
    }

    private static String keysJson(Collection<BoxPublicKey> keys) {
        ObjectNode json = TmRequests.JSON.createObjectNode();
        ArrayNode array = json.putArray("keys");
        keys.forEach(k -> array.addObject().put("key", k.toBase64()));
        return json.toString();
    }

    private static String joined(List<BoxPublicKey> keys) {
        return keys.stream().map(BoxPublicKey::toBase64).collect(Collectors.joining(","));
    }

    private static String strip(String path, String suffix) {
        return path.substring(0, path.length() - suffix.length());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/json") || (type.startsWith("application/vnd.tessera") && type.contains("+json"));
    }

    private static byte[] read(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_REQUEST_BYTES + 1));
            if (bytes.length > MAX_REQUEST_BYTES) {
                throw new TooLargeException();
            }
            return bytes;
        } catch (IOException e) {
            throw new BadTmRequestException("the body could not be read: " + e.getMessage());
        }
    }

    /** A body over {@code quorum.tm.maxRequestBytes}. */
    private static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Runs a request, answering the transaction manager's refusals with Tessera's status codes. */
    private static Response answer(Supplier<Response> work) {
        try {
            return work.get();
        } catch (BadTmRequestException | InvalidPrivacyRequestException e) {
            return text(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (UnknownPartyException | PayloadNotFoundException e) {
            return text(Response.Status.NOT_FOUND, e.getMessage());
        } catch (PublishException e) {
            return text(Response.Status.GONE, e.getMessage());
        } catch (TooLargeException e) {
            return text(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the body is over " + MAX_REQUEST_BYTES
                    + " bytes (quorum.tm.maxRequestBytes)");
        } catch (TransactionManagerUnavailableException e) {
            LOG.log(Level.WARNING, "transaction manager unavailable", e);
            return text(Response.Status.INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }

    private static Response text(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message == null ? status.getReasonPhrase() : message).build();
    }
}
