package io.iterdemo.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary directory stands in for the one systemd creates for the service. */
class CredentialsTest {
    @TempDir
    Path credentials;

    private Map<String, String> env() {
        return Map.of("CREDENTIALS_DIRECTORY", credentials.toString());
    }

    @Test
    void readsTheFileNamedAfterTheCredential() throws Exception {
        Files.write(credentials.resolve("token"), new byte[] {'s', '3', 'c', '\n'});
        assertArrayEquals(new byte[] {'s', '3', 'c', '\n'}, Credentials.read(env(), "token").orElseThrow());
        assertEquals(Optional.of(credentials.resolve("token")), Credentials.path(env(), "token"));
    }

    @Test
    void findsNothingWithoutTheVariableOrWithoutTheFile() throws Exception {
        assertEquals(Optional.empty(), Credentials.read(Map.of(), "token"));
        assertEquals(Optional.empty(), Credentials.read(Map.of("CREDENTIALS_DIRECTORY", ""), "token"));
        assertEquals(Optional.empty(), Credentials.read(env(), "token"));
        assertEquals(Optional.empty(), Credentials.read(Map.of("CREDENTIALS_DIRECTORY",
                credentials.resolve("missing").toString()), "token"));
    }

    @Test
    void refusesARelativeDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Credentials.read(Map.of("CREDENTIALS_DIRECTORY", "creds"), "token"));
        assertEquals("CREDENTIALS_DIRECTORY=\"creds\" is not an absolute path", e.getMessage());
    }

    @Test
    void reportsAFileThatCannotBeRead() throws Exception {
        Files.createDirectory(credentials.resolve("token"));
        IOException e = assertThrows(IOException.class, () -> Credentials.read(env(), "token"));
        assertEquals("Is a directory", e.getMessage());
    }

    @Test
    void reportsADanglingLinkInsteadOfTakingItForNoCredential() throws Exception {
        Files.createSymbolicLink(credentials.resolve("token"), credentials.resolve("gone"));
        assertThrows(NoSuchFileException.class, () -> Credentials.read(env(), "token"));
    }

    @Test
    void stopsReadingPastSystemdsSizeLimit() throws Exception {
        Path link = Files.createSymbolicLink(credentials.resolve("token"), Path.of("/dev/zero"));
        try {
            IOException e = assertThrows(IOException.class, () -> Credentials.read(env(), "token"));
            assertTrue(e.getMessage().startsWith("larger than 1048576 bytes"), e.getMessage());
        } finally {
            // Removed here, or JUnit warns that the link leads out of the temporary directory.
            Files.delete(link);
        }
    }
}
