package org.quorumee.core.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionPolicyTest {
    private static final String A = "a".repeat(128);
    private static final String B = "b".repeat(128);
    private static final String C = "c".repeat(128);

    private static String url(String id, int port) {
        return "enode://" + id + "@127.0.0.1:" + port + "?discport=0";
    }

    @Test
    void onlyListedNodesArePermittedAndDisallowedOverrides() {
        PermissionPolicy policy = PermissionPolicy.fromFiles(
                Optional.of("[\"" + url(A, 1) + "\", \"" + url(B, 2) + "\"]"),
                Optional.of("[ \"" + url(B, 9) + "\" ]"));
        assertTrue(policy.isPermitted(A));
        assertFalse(policy.isPermitted(B), "disallowed-nodes.json overrides the permissioned list");
        assertFalse(policy.isPermitted(C));
        assertEquals(List.of(EnodeUrl.parse(url(A, 1))), policy.effective());
    }

    @Test
    void matchingIsOnTheNodeIdOnly() {
        PermissionPolicy policy = PermissionPolicy.fromFiles(Optional.of("[\"" + url(A, 21000) + "\"]"), Optional.empty());
        assertTrue(policy.isPermitted(A.toUpperCase()));
        assertTrue(policy.isPermitted("0x" + A));
        assertFalse(policy.isPermitted("not an id"));
    }

    @Test
    void aMissingOrInvalidListDeniesEveryone() {
        assertFalse(PermissionPolicy.fromFiles(Optional.empty(), Optional.empty()).isPermitted(A));
        for (String bad : List.of("", "{}", "[", "[\"" + url(A, 1) + "\",]", "[\"" + url(A, 1) + "\"] x",
                "[\"enode://short@127.0.0.1:1\"]", "[1]", "[\"" + url(A, 1) + "\" \"" + url(B, 1) + "\"]")) {
            PermissionPolicy policy = PermissionPolicy.fromFiles(Optional.of(bad), Optional.empty());
            assertFalse(policy.isPermitted(A), bad);
            assertTrue(policy.denyAllReason().isPresent(), bad);
        }
        PermissionPolicy badDisallowed = PermissionPolicy.fromFiles(Optional.of("[\"" + url(A, 1) + "\"]"),
                Optional.of("[oops]"));
        assertFalse(badDisallowed.isPermitted(A), "an invalid disallowed list fails closed");
    }

    @Test
    void emptyListPermitsNobody() {
        PermissionPolicy policy = PermissionPolicy.fromFiles(Optional.of("[]"), Optional.empty());
        assertFalse(policy.isPermitted(A));
        assertTrue(policy.denyAllReason().isEmpty());
    }

    @Test
    void permitAndRevoke() {
        PermissionPolicy policy = PermissionPolicy.of(List.of(EnodeUrl.parse(url(A, 1))), List.of(EnodeUrl.parse(url(B, 1))));
        PermissionPolicy withB = policy.permit(EnodeUrl.parse(url(B, 5)));
        assertTrue(withB.isPermitted(B), "permitting takes a node off the disallowed list");
        assertEquals(5, withB.permittedList().get(1).port());
        PermissionPolicy withoutA = withB.revoke(A);
        assertFalse(withoutA.isPermitted(A));
        assertTrue(withoutA.isPermitted(B));
        assertTrue(PermissionPolicy.denyAll("x").permit(EnodeUrl.parse(url(C, 1))).isPermitted(C));
    }

    @Test
    void filesAreReadWrittenBackAndReReadWhenChanged(@TempDir Path dir) throws IOException {
        PermissionFiles files = new PermissionFiles(dir);
        assertFalse(files.current().isPermitted(A), "no file: nobody");
        Files.writeString(dir.resolve(PermissionFiles.PERMISSIONED), "[\n  \"" + url(A, 1) + "\"\n]\n");
        assertTrue(files.current().isPermitted(A), "a new file is seen at the next look");
        files.write(files.current().permit(EnodeUrl.parse(url(B, 2))));
        assertEquals("[\n  \"" + url(A, 1) + "\",\n  \"" + url(B, 2) + "\"\n]\n",
                Files.readString(dir.resolve(PermissionFiles.PERMISSIONED)));
        assertEquals("[]\n", Files.readString(dir.resolve(PermissionFiles.DISALLOWED)));
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(dir.resolve(PermissionFiles.PERMISSIONED)));
        Files.writeString(dir.resolve(PermissionFiles.DISALLOWED), "[\"" + url(A, 1) + "\"]");
        assertFalse(files.current().isPermitted(A), "a changed disallowed file is seen at the next look");
        assertTrue(new PermissionFiles(dir).current().isPermitted(B));
    }

    @Test
    void enodeListFileRoundTrips() {
        List<EnodeUrl> urls = List.of(EnodeUrl.parse(url(A, 1)), EnodeUrl.parse(url(B, 2)).withRaftPort(50402));
        assertEquals(urls, EnodeListFile.parse(EnodeListFile.format(urls)));
        assertEquals(List.of(), EnodeListFile.parse(" [ ] "));
        assertEquals(urls.subList(0, 1), EnodeListFile.parse("[\"enode:\\/\\/" + A + "@127.0.0.1:1?discport=0\"]"));
        assertThrows(IllegalArgumentException.class, () -> EnodeListFile.parse("[\"" + url(A, 1) + "\"]]"));
    }
}
