package io.iterdemo.http;

import java.time.Duration;
import java.util.Properties;

/**
 * How long and how many: the bounds that keep a few clients, careless or hostile, from starving the rest or
 * growing the process (Python's http.server has none: an idle or half-sent request holds a thread forever).
 *
 * <table>
 * <caption>The limits, their defaults and the system property that changes each</caption>
 * <tr><th>limit</th><th>default</th><th>system property</th><th>what the client sees</th></tr>
 * <tr><td>idle timeout</td><td>30 s</td><td>{@code iterdemo.http.idleTimeoutMillis}</td>
 *     <td>a connection that sends nothing (before a request, between keep-alive requests, or while it does not
 *     read a response) is closed</td></tr>
 * <tr><td>request head timeout</td><td>20 s</td><td>{@code iterdemo.http.requestHeadTimeoutMillis}</td>
 *     <td>a request line and headers still incomplete this long after their first byte are cut off, however
 *     slowly they keep coming (slowloris); the idle timeout alone restarts with every byte</td></tr>
 * <tr><td>connections</td><td>512</td><td>{@code iterdemo.http.maxConnections}</td>
 *     <td>beyond it new connections wait in the kernel's listen queue until one closes; none is refused</td></tr>
 * </table>
 *
 * <p>Sizes are fixed, as in Python: a request line over 65536 bytes is 414, more than 100 header lines is 431
 * (both Python's rules), and a request head (line and headers) over {@link #MAX_REQUEST_HEAD} bytes is 431
 * (Python has no such total; it accepts 100 lines of 64 KiB each).
 *
 * <p>The properties exist so that tests can shorten the timeouts; they are read once, at start-up
 * ({@code ITERDEMO_JAVA_OPTS="-Diterdemo.http.idleTimeoutMillis=5000"} through the launcher).
 *
 * @param idleTimeout        how long a connection may stay silent
 * @param requestHeadTimeout how long a request line and headers may take to arrive, from their first byte
 * @param maxConnections     how many connections are served at once
 */
record ConnectionLimits(Duration idleTimeout, Duration requestHeadTimeout, int maxConnections) {
    /** Python reads a request line of up to 65536 bytes, CRLF included, and answers 414 beyond. */
    static final int MAX_REQUEST_LINE = 65536;
    /** Python's http.client._MAXHEADERS: one more header line is 431 "Too many headers". */
    static final int MAX_HEADERS = 100;
    /** Room for Python's longest request line and 16 KiB of headers; beyond, Jetty answers 414 or 431. */
    static final int MAX_REQUEST_HEAD = MAX_REQUEST_LINE + 16 * 1024;

    static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofSeconds(30), Duration.ofSeconds(20), 512);

    ConnectionLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || requestHeadTimeout.isNegative()
                || requestHeadTimeout.isZero() || maxConnections < 1) {
            throw new IllegalArgumentException("limits must be positive: " + idleTimeout + ", " + requestHeadTimeout
                    + ", " + maxConnections);
        }
    }

    /** The defaults, each replaced by its system property when that is set to a positive integer. */
    static ConnectionLimits from(Properties properties) {
        return new ConnectionLimits(
                Duration.ofMillis(positive(properties, "iterdemo.http.idleTimeoutMillis", DEFAULTS.idleTimeout.toMillis())),
                Duration.ofMillis(positive(properties, "iterdemo.http.requestHeadTimeoutMillis",
                        DEFAULTS.requestHeadTimeout.toMillis())),
                (int) positive(properties, "iterdemo.http.maxConnections", DEFAULTS.maxConnections));
    }

    private static long positive(Properties properties, String name, long fallback) {
        String value = properties.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed > 0 && parsed <= Integer.MAX_VALUE) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException(name + "=\"" + value + "\" is not a positive integer");
    }
}
