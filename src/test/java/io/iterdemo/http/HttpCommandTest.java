package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as argparse reads python3 -m http.server's. */
class HttpCommandTest {
    static final Path CWD = Path.of("/srv/www");

    private static HttpConfig config(String... args) {
        HttpCommand.Parsed parsed = HttpCommand.parse(List.of(args), CWD);
        return assertInstanceOf(HttpCommand.Run.class, parsed, parsed::toString).config();
    }

    private static String error(String... args) {
        HttpCommand.Parsed parsed = HttpCommand.parse(List.of(args), CWD);
        return assertInstanceOf(HttpCommand.UsageError.class, parsed, parsed::toString).message();
    }

    @Test
    void usesPythonsDefaults() {
        assertEquals(new HttpConfig(8000, null, CWD, "HTTP/1.0"), config());
    }

    @Test
    void readsOptionsInEveryFormArgparseAccepts() {
        assertEquals(new HttpConfig(9000, "127.0.0.1", Path.of("/tmp"), "HTTP/1.1"),
                config("-b", "127.0.0.1", "9000", "--directory", "/tmp", "-p", "HTTP/1.1"));
        assertEquals(new HttpConfig(9000, "::1", CWD.resolve("pub"), "HTTP/1.1"),
                config("--bind=::1", "-dpub", "--proto=HTTP/1.1", "9000"));
        assertEquals(new HttpConfig(8000, "b", CWD, "HTTP/1.0"), config("--bi", "a", "-b", "b"));
    }

    @Test
    void readsThePortAsPythonsIntDoes() {
        assertEquals(8080, config(" 8080 ").port());
        assertEquals(8080, config("8_080").port());
        assertEquals(0, config("0").port());
        assertEquals(8080, config("--", "8080").port());
    }

    @Test
    void answersHelp() {
        assertInstanceOf(HttpCommand.Help.class, HttpCommand.parse(List.of("--help"), CWD));
        assertInstanceOf(HttpCommand.Help.class, HttpCommand.parse(List.of("8000", "-h"), CWD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "80.0", "8_", ""})
    void refusesAPortThatIsNotAnInteger(String port) {
        assertEquals("invalid port \"" + port + "\": not an integer", error(port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"70000", "-1", "99999999999"})
    void refusesAPortOutOfRange(String port) {
        assertEquals("invalid port \"" + port + "\": must be 0-65535", error(port));
    }

    @Test
    void namesTheUnknownOptionAndTheOneWithoutAValue() {
        assertEquals("unknown option \"--bogus\"; see iterdemo http --help", error("--bogus"));
        assertEquals("unknown option \"-x\"; see iterdemo http --help", error("-x"));
        assertEquals("--bind needs a value", error("-b"));
        assertEquals("--directory needs a value", error("--directory", "--bind", "x"));
        assertEquals("--cgi is not supported", error("--cgi"));
        assertEquals("unexpected argument \"9000\" (the port is already 8000)", error("8000", "9000"));
    }

    @Test
    void refusesADirectoryTheLocaleCannotEncodeWithOneLineInsteadOfAStackTrace() {
        // A lone surrogate: what no charset encodes, as ASCII (no locale) cannot encode "é".
        String message = error("-d", "caf\uDCE9");
        assertTrue(message.startsWith("directory \"caf\uDCE9\" cannot be encoded as a file name in this locale's charset ("),
                message);
        assertTrue(message.endsWith("); set LANG=C.UTF-8"), message);
    }

    @Test
    void refusesAProtocolOtherThanHttp10And11() {
        assertEquals("--protocol \"HTTP/2\" is not supported: use HTTP/1.0 or HTTP/1.1", error("-p", "HTTP/2"));
    }
}
