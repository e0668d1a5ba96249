package org.quorumee.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A compiled test contract from {@code src/test/resources/contracts/<name>.json} (see its README). */
public record ContractArtifact(String name, String bin, JsonNode abi) {
    public static ContractArtifact load(String name) {
        String resource = "contracts/" + name + ".json";
        try (InputStream in = ContractArtifact.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test contract " + resource + " on the class path");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            return new ContractArtifact(name, json.get("bin").asText(), json.get("abi"));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
