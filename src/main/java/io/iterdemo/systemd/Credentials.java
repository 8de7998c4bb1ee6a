package io.iterdemo.systemd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Service credentials, systemd.exec(5) "Credentials": the unit hands a secret to the service with
 * {@code LoadCredential=ID:PATH} (systemd reads PATH itself, as root, before the service starts) or
 * {@code SetCredential=ID:VALUE}, and the service reads the file {@code $CREDENTIALS_DIRECTORY/ID}. The directory
 * is the service's own, readable by its user only ({@code DynamicUser=} included), kept out of swap, and removed
 * when the service stops; the secret never shows in the unit's environment.
 *
 * <p>A credential not passed is a normal answer (empty), not an error: the variable unset, or no file of that name
 * in the directory.
 */
public final class Credentials {
    /** systemd's CREDENTIAL_SIZE_MAX: it never passes a larger credential, so a larger file is not one of its own. */
    public static final int MAX_SIZE = 1024 * 1024;

    private Credentials() {
    }

    /**
     * Where credential {@code id} is, or would be: {@code $CREDENTIALS_DIRECTORY/id}; empty when the variable is
     * unset or empty (the unit passes no credentials).
     *
     * @throws IllegalArgumentException when the variable is not an absolute path (systemd always sets one)
     */
    public static Optional<Path> path(Map<String, String> env, String id) {
        String directory = env.get("CREDENTIALS_DIRECTORY");
        if (directory == null || directory.isEmpty()) {
            return Optional.empty();
        }
        if (!directory.startsWith("/")) {
            throw new IllegalArgumentException("CREDENTIALS_DIRECTORY=\"" + directory + "\" is not an absolute path");
        }
        return Optional.of(Path.of(directory, id));
    }

    /**
     * The bytes of credential {@code id}, or empty when it was not passed.
     *
     * @throws IOException              when the file is there but cannot be read, or is larger than {@link #MAX_SIZE}
     * @throws IllegalArgumentException as {@link #path}
     */
    public static Optional<byte[]> read(Map<String, String> env, String id) throws IOException {
        Optional<Path> path = path(env, id);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path.get())) {
            // Bounded: a link to /dev/zero must not fill the heap.
            bytes = in.readNBytes(MAX_SIZE + 1);
        } catch (NoSuchFileException e) {
            // A dangling link is a credential that failed to arrive, not one never asked for.
            if (Files.isSymbolicLink(path.get())) {
                throw e;
            }
            return Optional.empty();
        }
        if (bytes.length > MAX_SIZE) {
            throw new IOException("larger than " + MAX_SIZE + " bytes, systemd's limit for a credential");
        }
        return Optional.of(bytes);
    }
}
