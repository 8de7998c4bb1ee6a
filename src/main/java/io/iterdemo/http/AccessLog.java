package io.iterdemo.http;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * One line on stderr per request, exactly as BaseHTTPRequestHandler.log_message writes it:
 * {@code 127.0.0.1 - - [23/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 -}, local time, control characters as
 * {@code \xNN}; an error is preceded by Python's {@code code 404, message File not found} line.
 *
 * <p>Written straight to file descriptor 2, one write(2) per request, not through the logger: the lines are
 * Python's, not iterdemo's diagnostics (no {@code iterdemo:} prefix), and they are not warnings. When stderr is
 * the journal each line carries the info priority {@code <6>}. Also counts the requests, for sd_notify STATUS.
 */
final class AccessLog implements RequestLog {
    /**
     * Request attribute: the request line as received, set by the handler for a request whose path is one Jetty
     * gives the requests it could not parse ({@link #isJettyErrorPath}); others are rebuilt from what Jetty parsed.
     */
    static final String REQUEST_LINE_ATTRIBUTE = "io.iterdemo.http.request-line";

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private final OutputStream out;
    private final String prefix;
    private final AtomicLong served = new AtomicLong();
    private final ZoneId zone = ZoneId.systemDefault();
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");

    private record Stamp(long second, String text) {
    }

    AccessLog(OutputStream out, boolean journal) {
        this.out = out;
        this.prefix = journal ? "<6>" : "";
    }

    /** The log on this process's stderr. */
    static AccessLog stderr(boolean journal) {
        return new AccessLog(new FileOutputStream(FileDescriptor.err), journal);
    }

    /** Requests answered so far. */
    long served() {
        return served.get();
    }

    @Override
    public void log(Request request, Response response) {
        served.incrementAndGet();
        int status = response.getStatus();
        String address = clientAddress(request.getConnectionMetaData().getRemoteSocketAddress());
        String time = time();
        StringBuilder lines = new StringBuilder(160);
        Object error = request.getAttribute(ErrorPage.MESSAGE_ATTRIBUTE);
        if (error != null) {
            line(lines, address, time, "code " + status + ", message " + error);
        }
        line(lines, address, time, "\"" + requestLine(request) + "\" " + status + " -");
        write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void line(StringBuilder lines, String address, String time, String message) {
        lines.append(prefix).append(address).append(" - - [").append(time).append("] ");
        escapeControls(message, lines);
        lines.append('\n');
    }

    private synchronized void write(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            // stderr closed or full: Python would drop the line too (and print a traceback to that same stderr).
        }
    }

    /**
     * The request line as Python logs it: as received when the handler saw it, else rebuilt from what Jetty
     * parsed, or {@code -} when Jetty could not parse even that (it then names the request "BAD /badMessage").
     */
    static String requestLine(Request request) {
        Object seen = request.getAttribute(REQUEST_LINE_ATTRIBUTE);
        if (seen != null) {
            return seen.toString();
        }
        if (request.getMethod().equals("BAD") || isJettyErrorPath(request.getHttpURI().getPath())) {
            return "-";
        }
        return request.getMethod() + " " + target(request.getHttpURI()) + " " + request.getConnectionMetaData().getProtocol();
    }

    /**
     * Called by every handler that answers: when a client asked for {@code /badMessage} itself, keeps its request
     * line, so that the log does not take it for a request Jetty could not parse.
     */
    static void keepRequestLine(Request request) {
        HttpURI uri = request.getHttpURI();
        if (isJettyErrorPath(uri.getPath())) {
            request.setAttribute(REQUEST_LINE_ATTRIBUTE,
                    request.getMethod() + " " + target(uri) + " " + request.getConnectionMetaData().getProtocol());
        }
    }

    /** Whether {@code path} is the one Jetty gives a request it could not parse. */
    static boolean isJettyErrorPath(String path) {
        return "/badMessage".equals(path) || "/badRequest".equals(path);
    }

    /** The request target as the client sent it in origin form: raw path, query, fragment. */
    static String target(HttpURI uri) {
        StringBuilder target = new StringBuilder(uri.getPath() == null ? "" : uri.getPath());
        if (uri.getQuery() != null) {
            target.append('?').append(uri.getQuery());
        }
        if (uri.getFragment() != null) {
            target.append('#').append(uri.getFragment());
        }
        return target.toString();
    }

    /** The peer as Python names it (its address), or {@code unix:} for a client on a Unix-domain socket. */
    static String clientAddress(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return SocketAddresses.host(inet.getAddress());
        }
        return SocketAddresses.unix(remote);
    }

    /** {@code 23/Nov/2026 10:00:00}, local time; formatted once per second, not once per request. */
    private String time() {
        long second = System.currentTimeMillis() / 1000;
        Stamp current = stamp;
        if (current.second() != second) {
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(second), zone);
            StringBuilder text = new StringBuilder(20);
            two(text, local.getDayOfMonth()).append('/').append(MONTHS[local.getMonthValue() - 1]).append('/');
            text.append(local.getYear()).append(' ');
            two(text, local.getHour()).append(':');
            two(text, local.getMinute()).append(':');
            two(text, local.getSecond());
            current = new Stamp(second, text.toString());
            stamp = current;
        }
        return current.text();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }

    /** log_message's _control_char_table: C0, DEL and C1 as {@code \xNN}, backslash doubled. */
    static void escapeControls(String message, StringBuilder out) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
    }
}
