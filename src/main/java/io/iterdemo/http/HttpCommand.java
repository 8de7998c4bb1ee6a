package io.iterdemo.http;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line of {@code iterdemo http}, read as Python's argparse reads {@code python3 -m http.server}'s:
 * {@code [PORT] [-b|--bind ADDR] [-d|--directory DIR] [-p|--protocol VERSION]} in any order, values attached
 * ({@code -b127.0.0.1}, {@code --bind=127.0.0.1}) or separate, long options abbreviated to any unique prefix
 * ({@code --dir}), the last of a repeated option winning, {@code --} ending the options.
 *
 * <p>Stricter than Python where Python would start and then fail with a traceback: a port outside 0-65535 and a
 * protocol other than HTTP/1.0 and HTTP/1.1 are refused here, before anything is bound. {@code --cgi} is not
 * offered (CGIHTTPRequestHandler is deprecated since Python 3.13).
 */
public final class HttpCommand {
    /** Python's int(): surrounding blanks, a sign, digits with single underscores between them. */
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9](?:_?[0-9])*");
    private static final List<String> LONG_OPTIONS = List.of("--help", "--cgi", "--bind", "--directory", "--protocol");

    static final String HELP = """
            Usage: iterdemo http [PORT] [-b ADDRESS] [-d DIRECTORY] [-p VERSION]

            Serves DIRECTORY over HTTP like python3 -m http.server: files, index.html, directory listings.

              PORT                      port to listen on (default 8000; 0 picks a free one)
              -b, --bind ADDRESS        address to listen on (default: all interfaces, IPv4 and IPv6)
              -d, --directory DIRECTORY directory to serve (default: the current directory)
              -p, --protocol VERSION    HTTP/1.0 (default, one request per connection) or HTTP/1.1 (keep-alive)

            Requests are logged on stderr in Python's format. Differences from Python: paths and symbolic links
            that lead outside DIRECTORY are 404, Range requests get 206, a connection idle for 30 s or a request
            head still incomplete after 20 s is closed, at most 512 connections are served at once, errors are one
            line and an exit status.

            Under systemd: Type=notify (READY, STATUS with the request count, STOPPING); socket activation
            (LISTEN_FDS=1, one listening TCP or Unix-domain stream socket, Accept=no) replaces PORT and --bind.

            Access token: when systemd passes a credential named token (LoadCredential=token:PATH or
            SetCredential=token:VALUE, read from $CREDENTIALS_DIRECTORY/token), every request must carry
            "Authorization: Bearer TOKEN"; any other gets 401. The token is never taken from the environment,
            the command line or a system property, and never logged.

            Exit status:
              0   stopped by SIGTERM or SIGINT
              64  bad command line (USAGE)
              66  DIRECTORY missing or unreadable, credential token unreadable (NOINPUT)
              69  address in use (UNAVAILABLE)
              70  out of Java heap, or an internal error, on any thread (SOFTWARE)
              71  sd_notify or socket activation cannot load its native library (OSERR): java.io.tmpdir
                  must allow writing and executing files
              78  address cannot be bound, bad LISTEN_FDS, socket activation passed anything but one listening
                  stream socket (TCP or Unix-domain), credential token empty or not one word (CONFIG)
            """;

    private HttpCommand() {
    }

    /** The outcome of parsing: a configuration, a request for help, or a usage error. */
    public sealed interface Parsed permits Run, Help, UsageError {
    }

    public record Run(HttpConfig config) implements Parsed {
    }

    public record Help() implements Parsed {
    }

    /** One line naming the culprit, without the program name. */
    public record UsageError(String message) implements Parsed {
    }

    /** Parses the arguments that follow {@code http}; {@code cwd} is the default directory. */
    public static Parsed parse(List<String> args, Path cwd) {
        Integer port = null;
        String bind = null;
        Path directory = cwd;
        String protocol = HttpConfig.HTTP_1_0;
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (options && arg.equals("--")) {
                options = false;
                continue;
            }
            if (!options || !isOption(arg)) {
                if (port != null) {
                    return new UsageError("unexpected argument \"" + arg + "\" (the port is already " + port + ")");
                }
                Integer parsed = port(arg);
                if (parsed == null) {
                    return new UsageError("invalid port \"" + arg + "\": not an integer");
                }
                if (parsed < 0 || parsed > 65535) {
                    return new UsageError("invalid port \"" + arg + "\": must be 0-65535");
                }
                port = parsed;
                continue;
            }
            String name;
            String value = null;
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String given = equals < 0 ? arg : arg.substring(0, equals);
                name = longOption(given);
                if (name == null) {
                    return new UsageError(unknown(given));
                }
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                }
            } else {
                name = shortOption(arg.substring(0, 2));
                if (name == null) {
                    return new UsageError(unknown(arg.substring(0, 2)));
                }
                if (arg.length() > 2) {
                    value = arg.substring(2);
                }
            }
            if (name.equals("--help")) {
                return new Help();
            }
            if (name.equals("--cgi")) {
                return new UsageError("--cgi is not supported");
            }
            if (value == null) {
                if (i + 1 >= args.size() || isOption(args.get(i + 1))) {
                    return new UsageError(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--bind" -> bind = value;
                case "--directory" -> {
                    try {
                        directory = cwd.resolve(value);
                    } catch (InvalidPathException e) {
                        // The JVM decodes arguments and encodes file names with the locale's charset (ASCII without
                        // a locale): a name it cannot encode back is no directory it could open.
                        return new UsageError("directory \"" + value + "\" cannot be encoded as a file name in this "
                                + "locale's charset (" + System.getProperty("sun.jnu.encoding") + "); set LANG=C.UTF-8");
                    }
                }
                default -> protocol = value;
            }
        }
        if (!protocol.equals(HttpConfig.HTTP_1_0) && !protocol.equals(HttpConfig.HTTP_1_1)) {
            return new UsageError("--protocol \"" + protocol + "\" is not supported: use HTTP/1.0 or HTTP/1.1");
        }
        return new Run(new HttpConfig(port != null ? port : HttpConfig.DEFAULT_PORT, bind, directory, protocol));
    }

    private static String unknown(String option) {
        return "unknown option \"" + option + "\"; see iterdemo http --help";
    }

    /** argparse's rule: a dash followed by something that is not a negative number is an option. */
    private static boolean isOption(String arg) {
        return arg.length() > 1 && arg.startsWith("-") && !INTEGER.matcher(arg).matches();
    }

    /** The long option {@code given} abbreviates, or null when it matches none. */
    private static String longOption(String given) {
        String match = null;
        for (String option : LONG_OPTIONS) {
            if (option.startsWith(given) && given.length() > 2) {
                if (option.equals(given)) {
                    return option;
                }
                match = match == null ? option : "";
            }
        }
        return match == null || match.isEmpty() ? null : match;
    }

    private static String shortOption(String given) {
        return switch (given) {
            case "-h" -> "--help";
            case "-b" -> "--bind";
            case "-d" -> "--directory";
            case "-p" -> "--protocol";
            default -> null;
        };
    }

    /** Python's int(text), or null where it raises ValueError (an out-of-range value is returned as is). */
    static Integer port(String text) {
        String stripped = text.strip();
        if (!INTEGER.matcher(stripped).matches()) {
            return null;
        }
        String digits = stripped.replace("_", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            return digits.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
    }
}
