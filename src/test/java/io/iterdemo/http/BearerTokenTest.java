package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary directory stands in for $CREDENTIALS_DIRECTORY. */
class BearerTokenTest {
    private static final Path SOURCE = Path.of("/run/credentials/iterdemo-http.service/token");

    @TempDir
    Path credentials;

    private static BearerToken token(String fileContent) {
        return BearerToken.of(fileContent.getBytes(StandardCharsets.UTF_8), SOURCE);
    }

    @Test
    void admitsBearerFollowedByTheToken() {
        BearerToken token = token("s3cret-Token_42");
        assertTrue(token.admits("Bearer s3cret-Token_42"));
        // RFC 9110: the scheme is case-insensitive; blanks around the token are not part of it.
        assertTrue(token.admits("bearer s3cret-Token_42"));
        assertTrue(token.admits("BEARER   s3cret-Token_42 "));
    }

    @Test
    void refusesAMissingWrongOrPartialToken() {
        BearerToken token = token("s3cret-Token_42");
        assertFalse(token.admits(null));
        assertFalse(token.admits(""));
        assertFalse(token.admits("Bearer"));
        assertFalse(token.admits("Bearer "));
        assertFalse(token.admits("Bearer wrong"));
        assertFalse(token.admits("Bearer s3cret-Token_4"));
        assertFalse(token.admits("Bearer s3cret-Token_42x"));
        assertFalse(token.admits("Bearer S3CRET-TOKEN_42"));
        assertFalse(token.admits("Bearers3cret-Token_42"));
        assertFalse(token.admits("Basic s3cret-Token_42"));
        assertFalse(token.admits("s3cret-Token_42"));
        assertFalse(token.admits("Bearer s3cret Token_42"));
    }

    @Test
    void refusesANonAsciiLookAlike() {
        // U+0130 would become '?' in ISO-8859-1; in UTF-8 it is two bytes no token holds.
        assertFalse(token("ab?").admits("Bearer ab\u0130"));
        assertTrue(token("ab?").admits("Bearer ab?"));
    }

    @Test
    void dropsTheTrailingNewlineAndSurroundingBlanksOfTheFile() {
        assertTrue(token("s3cret\n").admits("Bearer s3cret"));
        assertTrue(token("  s3cret \r\n").admits("Bearer s3cret"));
    }

    @Test
    void refusesAnEmptyFileNamingItButNotItsContent() {
        for (String content : new String[] {"", "\n", "  \t\n"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> token(content));
            assertEquals("credential " + SOURCE + " is empty", e.getMessage());
        }
    }

    @Test
    void refusesATokenNoClientCouldSendAsWritten() {
        for (String content : new String[] {"two words", "two\nlines", "caf\u00e9", "tab\there"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> token(content));
            assertEquals("credential " + SOURCE + " must hold one word of printable ASCII (letters, digits, punctuation)",
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> BearerToken.of(new byte[] {'a', (byte) 0xff, 'b'}, SOURCE), "not UTF-8");
    }

    @Test
    void neverShowsTheTokenInItsText() {
        String text = token("s3cret-Token_42").toString();
        assertFalse(text.contains("s3cret"), text);
        assertEquals("bearer token from " + SOURCE, text);
    }

    @Test
    void readsTheCredentialNamedToken() throws Exception {
        Files.writeString(credentials.resolve("token"), "from-the-credential\n");
        Optional<BearerToken> token = BearerToken.fromCredentials(Map.of("CREDENTIALS_DIRECTORY", credentials.toString()));
        assertTrue(token.orElseThrow().admits("Bearer from-the-credential"));
        assertEquals(credentials.resolve("token"), token.get().source());
    }

    @Test
    void requiresNoTokenWithoutTheCredential() throws Exception {
        Files.writeString(credentials.resolve("other"), "not-the-token\n");
        assertEquals(Optional.empty(), BearerToken.fromCredentials(Map.of("CREDENTIALS_DIRECTORY", credentials.toString())));
        assertEquals(Optional.empty(), BearerToken.fromCredentials(Map.of()));
    }

    /** The environment is never a source, whatever the variable is called. */
    @Test
    void ignoresATokenInTheEnvironment() throws Exception {
        assertEquals(Optional.empty(), BearerToken.fromCredentials(Map.of("TOKEN", "x", "token", "x",
                "ITERDEMO_TOKEN", "x", "HTTP_TOKEN", "x")));
    }

    @Test
    void reportsACredentialThatCannotBeRead() throws Exception {
        Files.createDirectory(credentials.resolve("token"));
        assertThrows(IOException.class,
                () -> BearerToken.fromCredentials(Map.of("CREDENTIALS_DIRECTORY", credentials.toString())));
    }
}
