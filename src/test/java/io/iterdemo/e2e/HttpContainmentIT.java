package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.PythonHttpServer;

/**
 * Nothing outside the served directory is ever returned, however the request spells its way out. Each request
 * goes over a raw socket, byte for byte as written here, so that no client library normalises it first; the
 * same bytes go to Debian's {@code python3 -m http.server} on the same directory, and both answers are checked
 * against the table in docs/http-mode.md (status 0: the connection was closed without a response).
 *
 * <p>Every case also checks the body: never the secret file's content, never {@code /etc/passwd}.
 */
class HttpContainmentIT {
    private static final String SECRET = "secret: outside the served directory";
    private static final String PASSWD = "root:x:0:0";

    @TempDir
    static Path dir;
    static Path www;
    static Daemon daemon;
    static int port;
    static PythonHttpServer python;

    /**
     * dir/secret.txt and dir/outside/ are outside; www/ is served, with links that lead out of it: a file link
     * (relative and absolute), a directory link, and a link to its parent.
     */
    @BeforeAll
    static void start() throws Exception {
        www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
        Files.createDirectory(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/secret.txt"), SECRET + "\n");
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        Files.createDirectory(www.resolve("sub"));
        Files.writeString(www.resolve("sub/inner.txt"), "inner\n");
        Files.createSymbolicLink(www.resolve("link-out.txt"), Path.of("../secret.txt"));
        Files.createSymbolicLink(www.resolve("absolute-link.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(www.resolve("dir-link"), dir.resolve("outside"));
        Files.createSymbolicLink(www.resolve("parent"), Path.of(".."));
        daemon = Daemon.start(dir, Map.of("LANG", "C.UTF-8"), "http", "0", "--bind", "127.0.0.1", "--directory",
                www.toString());
        port = HttpModeIT.port(daemon);
        if (PythonHttpServer.available()) {
            python = PythonHttpServer.start(www, dir);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (python != null) {
            python.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    /** The status line's code, or 0 when the server closed the connection without answering. */
    private static int status(String response) {
        return response.isEmpty() ? 0 : Integer.parseInt(response.substring(9, 12));
    }

    /** Sends {@code request} (\r\n written as {@code |}) to both servers and checks both answers. */
    private static void check(String request, int pythonStatus, int ourStatus) throws IOException {
        String bytes = request.replace("|", "\r\n") + "\r\n\r\n";
        String ours = HttpModeIT.raw(port, bytes);
        assertEquals(ourStatus, status(ours), request + " -> " + ours);
        assertFalse(ours.contains(SECRET) || ours.contains(PASSWD), "nothing from outside: " + ours);
        if (python != null) {
            String theirs = HttpModeIT.raw(python.port(), bytes);
            assertEquals(pythonStatus, status(theirs), "python3 -m http.server: " + request + " -> " + theirs);
            if (pythonStatus == 200) {
                assertTrue(theirs.contains(SECRET) || theirs.contains("secret.txt"), "Python serves it: " + theirs);
            }
        }
        assertTrue(daemon.isAlive());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            GET /../secret.txt HTTP/1.0                                  , 404, 400
            GET /./../secret.txt HTTP/1.0                                , 404, 400
            GET /sub/../../secret.txt HTTP/1.0                           , 404, 400
            GET ../secret.txt HTTP/1.0                                   , 404, 400
            GET /%2e%2e/secret.txt HTTP/1.0                              , 404, 400
            GET /%2E%2E/secret.txt HTTP/1.0                              , 404, 400
            GET /..%2fsecret.txt HTTP/1.0                                , 404, 404
            GET /%2e%2e%2fsecret.txt HTTP/1.0                            , 404, 404
            GET /sub/..%2f..%2fsecret.txt HTTP/1.0                       , 404, 404
            GET /..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd HTTP/1.0     , 404, 404
            GET /..\\secret.txt HTTP/1.0                                 , 404, 404
            GET /..%5csecret.txt HTTP/1.0                                , 404, 404
            GET \\..\\..\\secret.txt HTTP/1.0                            , 404, 400
            GET /%252e%252e/secret.txt HTTP/1.0                          , 404, 404
            GET /%c0%ae%c0%ae/secret.txt HTTP/1.0                        , 404, 404
            GET /..;/secret.txt HTTP/1.0                                 , 404, 400
            """)
    void neverServesAFileAboveTheRootThroughDotDotInAnySpelling(String request, int python, int ours) throws Exception {
        check(request, python, ours);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            GET /hello.txt%00.html HTTP/1.0                              , 0, 400
            GET /%00 HTTP/1.0                                            , 0, 400
            GET /link-out.txt%00 HTTP/1.0                                , 0, 400
            """)
    void refusesANulByteInThePathWith400WherePythonDropsTheConnection(String request, int python, int ours)
            throws Exception {
        check(request, python, ours);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            GET http://host/../../secret.txt HTTP/1.1|Host: host                 , 404, 400
            GET http://host/%2e%2e/%2e%2e/etc/passwd HTTP/1.1|Host: host         , 404, 400
            GET http://127.0.0.1/../../../../../../etc/passwd HTTP/1.0           , 404, 400
            GET http://host/..%2fsecret.txt HTTP/1.1|Host: host                  , 404, 404
            GET http://host/hello.txt HTTP/1.1|Host: other                       , 404, 400
            """)
    void neverLetsAnAbsoluteFormTargetClimbAboveTheRoot(String request, int python, int ours) throws Exception {
        check(request, python, ours);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            GET /link-out.txt HTTP/1.0                                   , 200, 404
            GET /absolute-link.txt HTTP/1.0                              , 200, 404
            GET /sub/../link-out.txt HTTP/1.0                            , 200, 404
            """)
    void neverFollowsAFileSymlinkOutOfTheServedDirectory(String request, int python, int ours) throws Exception {
        check(request, python, ours);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            GET /dir-link/secret.txt HTTP/1.0                            , 200, 404
            GET /dir-link/ HTTP/1.0                                      , 200, 404
            GET /dir-link HTTP/1.0                                       , 301, 404
            GET /parent/secret.txt HTTP/1.0                              , 200, 404
            GET /parent/ HTTP/1.0                                        , 200, 404
            """)
    void neverFollowsADirectorySymlinkOutOfTheServedDirectory(String request, int python, int ours) throws Exception {
        check(request, python, ours);
    }

    /** The refusals above are not a blanket ban: what resolves inside the directory is served, as by Python. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            GET /sub%2finner.txt HTTP/1.0                                , 200, 200
            GET /sub/../hello.txt HTTP/1.0                               , 200, 200
            GET /sub/%2e%2e/hello.txt HTTP/1.0                           , 200, 200
            GET /sub/./inner.txt HTTP/1.0                                , 200, 200
            GET //hello.txt HTTP/1.0                                     , 200, 200
            """)
    void stillServesEncodedSlashesAndDotDotThatStayInside(String request, int pythonStatus, int ourStatus) throws Exception {
        String bytes = request + "\r\n\r\n";
        String ours = HttpModeIT.raw(port, bytes);
        assertEquals(ourStatus, status(ours), request + " -> " + ours);
        assertTrue(ours.endsWith("hello\n") || ours.endsWith("inner\n"), ours);
        if (python != null) {
            assertEquals(pythonStatus, status(HttpModeIT.raw(python.port(), bytes)), "python3 -m http.server: " + request);
        }
    }

    /** Small files are kept in memory; a file replaced by a link out after it was served is still never followed. */
    @Test
    void neverServesAFileReplacedByALinkOutAfterItWasServed() throws Exception {
        Path file = Files.writeString(www.resolve("swapped.txt"), "inside\n");
        String request = "GET /swapped.txt HTTP/1.0\r\n\r\n";
        assertTrue(HttpModeIT.raw(port, request).endsWith("\r\n\r\ninside\n"));
        assertTrue(HttpModeIT.raw(port, request).endsWith("\r\n\r\ninside\n"), "served again, from memory");
        Files.delete(file);
        Files.createSymbolicLink(file, dir.resolve("secret.txt"));
        String response = HttpModeIT.raw(port, request);
        assertEquals(404, status(response), response);
        assertFalse(response.contains(SECRET), response);
    }

    /** As in Python, which reads the file for every request: a change on disk is served at once. */
    @Test
    void servesTheNewContentOfAFileChangedOnDisk() throws Exception {
        Path file = Files.writeString(www.resolve("changing.txt"), "first\n");
        String request = "GET /changing.txt HTTP/1.0\r\n\r\n";
        assertTrue(HttpModeIT.raw(port, request).endsWith("\r\n\r\nfirst\n"));
        Files.writeString(file, "again\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        assertTrue(HttpModeIT.raw(port, request).endsWith("\r\n\r\nagain\n"));
        Files.writeString(file, "longer now\n");
        assertTrue(HttpModeIT.raw(port, request).endsWith("\r\n\r\nlonger now\n"));
    }
}
