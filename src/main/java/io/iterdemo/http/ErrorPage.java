package io.iterdemo.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Error responses as BaseHTTPRequestHandler.send_error writes them: Python's HTML template with the code, the
 * message and the status's description, {@code Content-Type: text/html;charset=utf-8}, {@code Connection:
 * close}, and no body for HEAD. Installed as Jetty's error handler too, so that the 400, 414 and 431 Jetty
 * raises for requests it cannot parse look like Python's, never like a Java error page or a stack trace.
 */
final class ErrorPage implements Request.Handler {
    /** Request attribute: the message of the error sent, for the access log's "code N, message M" line. */
    static final String MESSAGE_ATTRIBUTE = "io.iterdemo.http.error-message";

    private static final String TEMPLATE = """
            <!DOCTYPE HTML>
            <html lang="en">
                <head>
                    <meta charset="utf-8">
                    <title>Error response</title>
                </head>
                <body>
                    <h1>Error response</h1>
                    <p>Error code: %1$d</p>
                    <p>Message: %2$s.</p>
                    <p>Error code explanation: %1$d - %3$s.</p>
                </body>
            </html>
            """;

    /**
     * http.HTTPStatus phrase and description of the statuses this server can send, as in Python 3.13, whose
     * phrases are RFC 9110's (3.11 still had RFC 7231's "Request-URI Too Long"; docs/decisions/python-reference.md).
     */
    private static final Map<Integer, String[]> STATUSES = Map.ofEntries(
            entry(400, "Bad Request", "Bad request syntax or unsupported method"),
            entry(401, "Unauthorized", "No permission -- see authorization schemes"),
            entry(404, "Not Found", "Nothing matches the given URI"),
            entry(408, "Request Timeout", "Request timed out; try again later"),
            entry(413, "Content Too Large", "Content is too large"),
            entry(414, "URI Too Long", "URI is too long"),
            entry(416, "Range Not Satisfiable", "Cannot satisfy request range"),
            entry(417, "Expectation Failed", "Expect condition could not be satisfied"),
            entry(426, "Upgrade Required", ""),
            entry(431, "Request Header Fields Too Large",
                    "The server is unwilling to process the request because its header fields are too large"),
            entry(500, "Internal Server Error", "Server got itself in trouble"),
            entry(501, "Not Implemented", "Server does not support this operation"),
            entry(503, "Service Unavailable", "The server cannot process the request due to a high load"),
            entry(505, "HTTP Version Not Supported", "Cannot fulfill request"));

    private final String server;

    ErrorPage(String server) {
        this.server = server;
    }

    private static Map.Entry<Integer, String[]> entry(int code, String phrase, String description) {
        return Map.entry(code, new String[] {phrase, description});
    }

    /** Python's default message for {@code code}: the status phrase, "???" for one it does not know. */
    static String phrase(int code) {
        String[] status = STATUSES.get(code);
        return status != null ? status[0] : "???";
    }

    /** The page send_error(code, message) writes; {@code message} null for the status phrase. */
    static byte[] body(int code, String message) {
        return body(code, message, null);
    }

    /** The page send_error(code, message, explain) writes; {@code explain} null for the status's description. */
    static byte[] body(int code, String message, String explain) {
        String[] status = STATUSES.getOrDefault(code, new String[] {"???", "???"});
        String text = TEMPLATE.formatted(code, PythonText.escapeHtml(message != null ? message : status[0]),
                PythonText.escapeHtml(explain != null ? explain : status[1]));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the error and completes {@code callback}. */
    static void send(Request request, Response response, Callback callback, int code, String message) {
        send(request, response, callback, code, message, null);
    }

    /** As send_error(code, message, explain): {@code explain} replaces the status's description on the page. */
    static void send(Request request, Response response, Callback callback, int code, String message, String explain) {
        String shown = message != null ? message : phrase(code);
        Request.unWrap(request).setAttribute(MESSAGE_ATTRIBUTE, shown);
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        byte[] body = body(code, shown, explain);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean withBody = !HttpMethod.HEAD.is(request.getMethod());
        response.write(true, withBody ? ByteBuffer.wrap(body) : null, callback);
    }

    /** Jetty's own errors: requests it could not parse, and failures inside a handler. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int code = response.getStatus();
        String message = null;
        Object cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            code = http.getCode();
            message = detail(code, http.getReason());
        }
        if (code < 400) {
            code = 500;
        }
        response.getHeaders().clear();
        response.getHeaders().put(HttpHeader.SERVER, server);
        send(request, response, callback, code, message);
        return true;
    }

    /** Python names the fault in the message ("Bad request syntax ('GARBAGE')"); Jetty's reason takes its place. */
    private static String detail(int code, String reason) {
        if (code == 400) {
            return reason == null || reason.isEmpty() ? "Bad request syntax" : "Bad request syntax (" + reason + ")";
        }
        return null;
    }
}
