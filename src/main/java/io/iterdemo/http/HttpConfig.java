package io.iterdemo.http;

import java.nio.file.Path;

/**
 * What {@code iterdemo http} was asked to do, with Python's defaults: port 8000, all interfaces, the current
 * directory, HTTP/1.0.
 *
 * @param port      0 to 65535; 0 lets the kernel pick a free port (the start-up line shows which)
 * @param bind      the address or host name to listen on, null for all interfaces
 * @param directory the directory to serve, as given (checked when the server starts)
 * @param protocol  {@code HTTP/1.0} (one request per connection) or {@code HTTP/1.1} (keep-alive)
 */
public record HttpConfig(int port, String bind, Path directory, String protocol) {
    public static final int DEFAULT_PORT = 8000;
    public static final String HTTP_1_0 = "HTTP/1.0";
    public static final String HTTP_1_1 = "HTTP/1.1";

    /** Whether connections persist across requests, as Python's handler does with protocol_version HTTP/1.1. */
    public boolean keepAlive() {
        return protocol.equals(HTTP_1_1);
    }
}
