package io.iterdemo.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of the {@link FileHandler} when the service was given a {@link BearerToken}: a request without
 * {@code Authorization: Bearer TOKEN} (any method, HEAD included, whatever its path) gets 401 with Python's error
 * page, {@code WWW-Authenticate: Bearer realm="iterdemo"} and {@code Connection: close}, before anything else
 * is looked at: a client without the token cannot even learn whether a file exists.
 *
 * <p>The access log shows the 401 as Python's send_error logs it, {@code code 401, message Unauthorized}, then the
 * request line; headers are never logged, so neither is the token a client sent. A request Jetty cannot parse is
 * still answered 400 (or 414, 431) without the check: there is no request to check.
 */
final class TokenGate extends Handler.Wrapper {
    private static final HttpField CHALLENGE = new PreEncodedHttpField(HttpHeader.WWW_AUTHENTICATE,
            "Bearer realm=\"iterdemo\"");

    private final BearerToken token;
    private final HttpField server;

    TokenGate(BearerToken token, Handler files, String server) {
        super(files);
        this.token = token;
        this.server = new PreEncodedHttpField(HttpHeader.SERVER, server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (token.admits(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return super.handle(request, response, callback);
        }
        AccessLog.keepRequestLine(request);
        response.getHeaders().put(server);
        response.getHeaders().put(CHALLENGE);
        ErrorPage.send(request, response, callback, 401, null);
        return true;
    }
}
