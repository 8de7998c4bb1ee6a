package io.iterdemo.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.DateParser;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * SimpleHTTPRequestHandler's GET and HEAD: {@code index.html}, then {@code index.htm}, then Python's
 * directory listing; 301 to the slash-terminated URL for a directory asked without it (query kept); 404 with
 * Python's page; {@code Last-Modified}, and 304 for {@code If-Modified-Since} (unless {@code If-None-Match} is
 * present, as in Python); Content-Type from {@link MimeTypes}; 501 for any other method.
 *
 * <p>Deliberate differences from Python 3.11, each with an end-to-end test named after it:
 * <ul>
 * <li><b>Nothing outside the served directory.</b> A path or symbolic link that resolves outside it is 404
 * (Python follows links wherever they point, so {@code ln -s / root} publishes the whole machine).
 * <li><b>Range.</b> A single byte range gets 206 with Content-Range, one past the end 416 (Python ignores
 * Range and resends the whole file, so interrupted downloads cannot resume).
 * <li><b>Keep-alive.</b> With {@code --protocol HTTP/1.1} connections persist across requests, through
 * Jetty's HTTP/1.1 implementation; an error closes the connection, as in Python. With the default HTTP/1.0
 * every connection is closed after its response, as in Python (an HTTP/1.1 client is told so with
 * {@code Connection: close}).
 * </ul>
 */
final class FileHandler extends Handler.Abstract {
    /** Python reads a request line of up to 65536 bytes, CRLF included, and answers 414 beyond. */
    static final int MAX_REQUEST_LINE = 65536;
    /** Files up to this size are read in one call and sent from the heap; larger ones are streamed. */
    private static final int SMALL_FILE = 32 * 1024;
    private static final int STREAM_BUFFER = 64 * 1024;
    private static final List<String> INDEX_FILES = List.of("index.html", "index.htm");

    private final ServedDirectory directory;
    private final MimeTypes mimeTypes;
    private final boolean keepAlive;
    private final String server;

    FileHandler(ServedDirectory directory, MimeTypes mimeTypes, boolean keepAlive, String server) {
        this.directory = directory;
        this.mimeTypes = mimeTypes;
        this.keepAlive = keepAlive;
        this.server = server;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String target = pythonPath(AccessLog.target(request.getHttpURI()));
        String requestLine = request.getMethod() + " " + AccessLog.target(request.getHttpURI()) + " "
                + request.getConnectionMetaData().getProtocol();
        request.setAttribute(AccessLog.REQUEST_LINE_ATTRIBUTE, requestLine);
        response.getHeaders().put(HttpHeader.SERVER, server);
        if (!keepAlive && (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_1
                || request.getHeaders().contains(HttpHeader.CONNECTION, "keep-alive"))) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (requestLine.length() + 2 > MAX_REQUEST_LINE) {
            ErrorPage.send(request, response, callback, 414, null);
            return true;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ErrorPage.send(request, response, callback, 501, "Unsupported method ('" + method + "')");
            return true;
        }
        serve(request, response, callback, target);
        return true;
    }

    /** gh-87389: Python reduces a leading "//" to "/", so that no Location can point to another host. */
    private static String pythonPath(String target) {
        if (target.startsWith("//")) {
            int i = 0;
            while (i < target.length() && target.charAt(i) == '/') {
                i++;
            }
            return "/" + target.substring(i);
        }
        return target;
    }

    private void serve(Request request, Response response, Callback callback, String target) throws IOException {
        Optional<ServedDirectory.Translated> translated = directory.translate(target);
        Optional<Path> found = translated.flatMap(t -> directory.inside(t.path()));
        if (found.isEmpty()) {
            notFound(request, response, callback);
            return;
        }
        Path path = found.get();
        if (Files.isDirectory(path)) {
            String urlPath = urlPath(target);
            if (!urlPath.endsWith("/")) {
                redirect(response, callback, target, urlPath);
                return;
            }
            Optional<Path> index = index(path);
            if (index.isEmpty()) {
                list(request, response, callback, path, target);
                return;
            }
            path = index.get();
        } else if (translated.get().trailingSlash()) {
            // Issue 17324: "file.txt/" is not the file.
            notFound(request, response, callback);
            return;
        }
        sendFile(request, response, callback, path);
    }

    private Optional<Path> index(Path directoryPath) {
        for (String name : INDEX_FILES) {
            Optional<Path> index = directory.inside(directoryPath.resolve(name));
            if (index.isPresent() && Files.isRegularFile(index.get())) {
                return index;
            }
        }
        return Optional.empty();
    }

    /** urllib.parse.urlsplit(path).path for an origin-form target: up to the query or fragment. */
    private static String urlPath(String target) {
        int end = target.length();
        int query = target.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = target.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return target.substring(0, end);
    }

    /** 301 to the same URL with a slash after the path, query and fragment kept (urlunsplit drops empty ones). */
    private static void redirect(Response response, Callback callback, String target, String urlPath) {
        String rest = target.substring(urlPath.length());
        String query = "";
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        if (rest.startsWith("?")) {
            query = rest.substring(1);
        }
        String location = urlPath + "/" + (query.isEmpty() ? "" : "?" + query) + (fragment.isEmpty() ? "" : "#" + fragment);
        response.setStatus(301);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, null, callback);
    }

    private void list(Request request, Response response, Callback callback, Path path, String target) {
        List<DirectoryListing.Entry> entries;
        try {
            entries = DirectoryListing.entries(path);
        } catch (IOException | SecurityException e) {
            ErrorPage.send(request, response, callback, 404, "No permission to list directory");
            return;
        }
        // Python titles the page with the decoded target, or the file-system path if that is not UTF-8.
        String display = PythonText.unquoteStrict(target).orElseGet(() -> PythonText.unquote(path + "/"));
        byte[] page = DirectoryListing.render(display, entries);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.length);
        response.write(true, isHead(request) ? null : ByteBuffer.wrap(page), callback);
    }

    private void sendFile(Request request, Response response, Callback callback, Path path) throws IOException {
        BasicFileAttributes attributes;
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(path);
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            notFound(request, response, callback);
            return;
        }
        boolean handedOver = false;
        try {
            long modifiedSeconds = attributes.lastModifiedTime().toMillis() / 1000;
            if (notModified(request, modifiedSeconds)) {
                response.setStatus(304);
                response.write(true, null, callback);
                return;
            }
            long size = attributes.size();
            String lastModified = DateGenerator.formatDate(modifiedSeconds * 1000);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, mimeTypes.guess(path.getFileName().toString()));
            response.getHeaders().put(HttpHeader.LAST_MODIFIED, lastModified);
            long first = 0;
            long length = size;
            Optional<ByteRange> range = rangeOf(request, size, lastModified);
            if (range.isPresent()) {
                if (range.get() == ByteRange.UNSATISFIABLE) {
                    response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
                    response.getHeaders().remove(HttpHeader.LAST_MODIFIED);
                    response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                    ErrorPage.send(request, response, callback, 416, null);
                    return;
                }
                first = range.get().first();
                length = range.get().length();
                response.setStatus(206);
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, range.get().contentRange(size));
            } else {
                response.setStatus(200);
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            if (isHead(request) || length == 0) {
                response.write(true, null, callback);
            } else if (length <= SMALL_FILE) {
                response.write(true, readFully(channel, first, (int) length), callback);
            } else {
                ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), true,
                        STREAM_BUFFER);
                handedOver = true;
                Content.copy(Content.Source.from(buffers, channel, first, length), response, callback);
            }
        } finally {
            if (!handedOver) {
                channel.close();
            }
        }
    }

    private static ByteBuffer readFully(SeekableByteChannel channel, long first, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(first);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // A file that shrank since it was measured ends the loop; Jetty then reports the short response.
        }
        return buffer.flip();
    }

    /** Python's rule: If-Modified-Since counts only without If-None-Match, and compares whole seconds. */
    private static boolean notModified(Request request, long modifiedSeconds) {
        String since = request.getHeaders().get(HttpHeader.IF_MODIFIED_SINCE);
        if (since == null || request.getHeaders().contains(HttpHeader.IF_NONE_MATCH)) {
            return false;
        }
        long sinceMillis = DateParser.parseDate(since);
        return sinceMillis >= 0 && modifiedSeconds <= sinceMillis / 1000;
    }

    /** The range to send, honoured only when If-Range, if present, names the current Last-Modified. */
    private static Optional<ByteRange> rangeOf(Request request, long size, String lastModified) {
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        if (ifRange != null && !ifRange.strip().equals(lastModified)) {
            return Optional.empty();
        }
        return ByteRange.parse(request.getHeaders().get(HttpHeader.RANGE), size);
    }

    private static void notFound(Request request, Response response, Callback callback) {
        ErrorPage.send(request, response, callback, 404, "File not found");
    }

    private static boolean isHead(Request request) {
        return HttpMethod.HEAD.is(request.getMethod());
    }
}
