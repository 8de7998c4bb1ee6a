package io.iterdemo.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import io.iterdemo.systemd.Credentials;

/**
 * The access token the http mode may require, and the check of a request's {@code Authorization} header against
 * it (RFC 6750: {@code Authorization: Bearer TOKEN}).
 *
 * <p>Read only from the systemd credential {@value #CREDENTIAL} ({@code $CREDENTIALS_DIRECTORY/token}, from
 * {@code LoadCredential=} or {@code SetCredential=}), never from an environment variable, a command-line argument
 * or a system property: the environment and the command line are in /proc/PID/environ and /proc/PID/cmdline,
 * {@code Environment=} in the world-readable unit and in {@code systemctl show}, and every child process gets a
 * copy of the environment. The token is never logged, nor sent to systemd, nor shown by {@link #toString()}.
 *
 * <p>The file holds the token in UTF-8; a trailing newline and surrounding blanks are dropped (what {@code echo}
 * and editors leave). What remains must be one word of printable ASCII: anything else could not be sent in a
 * header as written, and the server would refuse every request.
 */
final class BearerToken {
    /** The credential's name, the ID in {@code LoadCredential=ID:PATH}. */
    static final String CREDENTIAL = "token";

    private static final String SCHEME = "Bearer";

    private final byte[] token;
    private final Path source;

    private BearerToken(byte[] token, Path source) {
        this.token = token;
        this.source = source;
    }

    /**
     * The token of credential {@value #CREDENTIAL}, or empty when the service was given none (requests are then
     * served without one, as Python serves them).
     *
     * @throws IOException              when the credential is there but cannot be read
     * @throws IllegalArgumentException when it holds no usable token, or CREDENTIALS_DIRECTORY is not absolute;
     *                                  the message names the file, never its content
     */
    static Optional<BearerToken> fromCredentials(Map<String, String> env) throws IOException {
        Optional<byte[]> bytes = Credentials.read(env, CREDENTIAL);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(bytes.get(), Credentials.path(env, CREDENTIAL).orElseThrow()));
    }

    /** The token in {@code bytes}, read from {@code source}, which error messages name. */
    static BearerToken of(byte[] bytes, Path source) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("credential " + source + " is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Malformed UTF-8 decodes to U+FFFD, refused here with the rest.
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("credential " + source
                        + " must hold one word of printable ASCII (letters, digits, punctuation)");
            }
        }
        return new BearerToken(text.getBytes(StandardCharsets.US_ASCII), source);
    }

    /** The file the token was read from. */
    Path source() {
        return source;
    }

    /**
     * Whether {@code authorization}, the Authorization header's value or null, is {@code Bearer} (in any case)
     * followed by the token. Compared with {@link MessageDigest#isEqual}, whose time depends on the token's length
     * only, not on how much of it the client guessed right.
     */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || authorization.length() <= SCHEME.length() || authorization.charAt(SCHEME.length()) != ' ') {
            return false;
        }
        String given = authorization.substring(SCHEME.length()).strip();
        // UTF-8: a character outside ASCII becomes bytes no token holds (ISO-8859-1 would turn some into '?').
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "bearer token from " + source;
    }
}
