package io.iterdemo.http;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.http.DateParser;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
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
 * <p>Deliberate differences from Python 3.13, each with an end-to-end test named after it:
 * <ul>
 * <li><b>Nothing outside the served directory.</b> A path or symbolic link that resolves outside it is 404
 * (Python follows links wherever they point, so {@code ln -s / root} publishes the whole machine).
 * <li><b>Range.</b> A single byte range gets 206 with Content-Range, one past the end 416 (Python ignores
 * Range and resends the whole file, so interrupted downloads cannot resume).
 * <li><b>Keep-alive.</b> With {@code --protocol HTTP/1.1} connections persist across requests, through
 * Jetty's HTTP/1.1 implementation; an error closes the connection, as in Python. With the default HTTP/1.0
 * every connection is closed after its response, as in Python (an HTTP/1.1 client is told so with
 * {@code Connection: close}).
 * <li><b>Regular files only.</b> A FIFO, a socket or a device node is listed, as in Python, but 404 at once
 * when asked for ({@link RegularFiles}); Python's open() waits on a FIFO for a writer, holding its thread.
 * <li><b>Redirects stay on the origin.</b> The Location of a 301 is percent-encoded where a browser would read
 * another host into it ({@link SameOriginLocation}); Python sends {@code /\evil.example/} as it came.
 * <li><b>Listings within memory.</b> Names are held as bytes within a budget shared by the listings in progress
 * ({@link ListingMemory}) and the page is streamed ({@link ListingResponse}); past the budget, 503. Python builds
 * every page whole, whatever its size.
 * <li><b>Bounds.</b> Python's own limits are kept here (414 for a request line over 65536 bytes, 431 for more than
 * 100 headers); the ones Python lacks are the connector's, see {@link ConnectionLimits}.
 * </ul>
 *
 * <p>Small files are answered from {@link SmallFiles} while they are unchanged on disk; larger ones are streamed
 * from disk through pooled buffers, never read whole.
 */
final class FileHandler extends Handler.Abstract {
    private static final int STREAM_BUFFER = 64 * 1024;
    private static final HttpField CONNECTION_CLOSE = new PreEncodedHttpField(HttpHeader.CONNECTION, "close");
    private static final List<String> INDEX_FILES = List.of("index.html", "index.htm");

    private final ServedDirectory directory;
    private final MimeTypes mimeTypes;
    private final boolean keepAlive;
    private final HttpField server;
    private final SmallFiles smallFiles = new SmallFiles();
    private final RegularFiles regularFiles;
    private final ListingMemory listingMemory = ListingMemory.ofHeap();

    FileHandler(ServedDirectory directory, MimeTypes mimeTypes, boolean keepAlive, String server) {
        this.directory = directory;
        this.regularFiles = new RegularFiles(directory.root());
        regularFiles.bindAhead();
        this.mimeTypes = mimeTypes;
        this.keepAlive = keepAlive;
        this.server = new PreEncodedHttpField(HttpHeader.SERVER, server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        HttpURI uri = request.getHttpURI();
        String method = request.getMethod();
        String protocol = request.getConnectionMetaData().getProtocol();
        AccessLog.keepRequestLine(request);
        response.getHeaders().add(server);
        if (!keepAlive && (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_1
                || request.getHeaders().contains(HttpHeader.CONNECTION, "keep-alive"))) {
            response.getHeaders().put(CONNECTION_CLOSE);
        }
        if (method.length() + 1 + targetLength(uri) + 1 + protocol.length() + 2 > ConnectionLimits.MAX_REQUEST_LINE) {
            ErrorPage.send(request, response, callback, 414, null);
            return true;
        }
        if (request.getHeaders().size() > ConnectionLimits.MAX_HEADERS) {
            ErrorPage.send(request, response, callback, 431, "Too many headers",
                    "got more than " + ConnectionLimits.MAX_HEADERS + " headers");
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ErrorPage.send(request, response, callback, 501, "Unsupported method ('" + method + "')");
            return true;
        }
        // A small file asked for before, unchanged since: no translation, no real path, no open.
        String path = uri.getPath();
        Optional<SmallFiles.Entry> cached = path == null ? Optional.empty() : smallFiles.fresh(path);
        if (cached.isPresent()) {
            sendSmall(request, response, callback, cached.get());
            return true;
        }
        serve(request, response, callback, pythonPath(AccessLog.target(uri)), path);
        return true;
    }

    /** The length of the request target as {@link AccessLog#target(HttpURI)} gives it, without building it. */
    private static int targetLength(HttpURI uri) {
        return (uri.getPath() == null ? 0 : uri.getPath().length())
                + (uri.getQuery() == null ? 0 : 1 + uri.getQuery().length())
                + (uri.getFragment() == null ? 0 : 1 + uri.getFragment().length());
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

    /** {@code target}: the request target, {@code //} reduced; {@code requestPath}: the path as sent, or null. */
    private void serve(Request request, Response response, Callback callback, String target, String requestPath)
            throws IOException {
        Optional<ServedDirectory.Translated> translated = directory.translate(target);
        Optional<Path> found = translated.flatMap(t -> directory.inside(t.path()));
        if (found.isEmpty()) {
            notFound(request, response, callback);
            return;
        }
        Path path = found.get();
        if (Files.isDirectory(path)) {
            String urlPath = urlPath(target);
            if (!endsWithSlash(urlPath)) {
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
        // An index file is found through its directory: only a file the request names is kept by its path.
        boolean named = path.equals(found.get());
        sendFile(request, response, callback, named ? requestPath : null, named ? translated.get().path() : null, path);
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

    /**
     * Whether a directory's URL path already ends with a slash, encoded or not: Python 3.13 lists
     * {@code /docs%2f} where 3.11 redirected it to {@code /docs%2f/}.
     */
    private static boolean endsWithSlash(String urlPath) {
        return urlPath.endsWith("/") || urlPath.endsWith("%2f") || urlPath.endsWith("%2F");
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

    /**
     * 301 to the same URL with a slash after the path, query and fragment kept (urlunsplit drops empty ones);
     * unlike Python, never to another host, however the path is spelt ({@link SameOriginLocation}).
     */
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
        String location = SameOriginLocation.of(
                urlPath + "/" + (query.isEmpty() ? "" : "?" + query) + (fragment.isEmpty() ? "" : "#" + fragment));
        response.setStatus(301);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, null, callback);
    }

    private void list(Request request, Response response, Callback callback, Path path, String target) {
        NameTable table;
        try {
            table = DirectoryListing.read(path, listingMemory);
        } catch (IOException | SecurityException e) {
            ErrorPage.send(request, response, callback, 404, "No permission to list directory");
            return;
        } catch (ListingMemory.Exhausted e) {
            ErrorPage.send(request, response, callback, 503, "Directory too large to list now", e.getMessage());
            return;
        }
        // Python 3.13 titles the page with the target's path decoded, query and fragment dropped (3.11 kept them);
        // a target that is not UTF-8 is decoded with U+FFFD in place of its bad bytes.
        String urlPath = urlPath(target);
        String display = PythonText.unquoteStrict(urlPath).orElseGet(() -> PythonText.unquote(urlPath));
        byte[] head = DirectoryListing.head(display);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, DirectoryListing.length(head, table));
        if (isHead(request)) {
            table.release();
            response.write(true, null, callback);
            return;
        }
        new ListingResponse(response, callback, head, table).iterate();
    }

    /**
     * A regular file inside the directory: from {@link SmallFiles} when small (kept there under {@code
     * requestPath}, checked by {@code name}, when both are given), otherwise streamed from disk.
     */
    private void sendFile(Request request, Response response, Callback callback, String requestPath, Path name, Path path)
            throws IOException {
        // Only a regular file is opened, and never with a wait: a FIFO, a socket or a device node is 404 at once.
        Optional<RegularFiles.Opened> opened = regularFiles.open(path);
        if (opened.isEmpty()) {
            notFound(request, response, callback);
            return;
        }
        SeekableByteChannel channel = opened.get().channel();
        BasicFileAttributes attributes = opened.get().attributes();
        boolean handedOver = false;
        try {
            String contentType = mimeTypes.guess(path.getFileName().toString());
            if (attributes.size() <= SmallFiles.MAX_FILE) {
                sendSmall(request, response, callback, smallFiles.load(requestPath, name, channel, attributes, contentType));
                return;
            }
            long[] part = fileHeaders(request, response, callback, SmallFiles.Head.of(attributes, contentType));
            if (part == null) {
                return;
            }
            if (isHead(request) || part[1] == 0) {
                response.write(true, null, callback);
                return;
            }
            ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), true,
                    STREAM_BUFFER);
            handedOver = true;
            Content.copy(Content.Source.from(buffers, channel, part[0], part[1]), response, callback);
        } finally {
            if (!handedOver) {
                channel.close();
            }
        }
    }

    private static void sendSmall(Request request, Response response, Callback callback, SmallFiles.Entry file) {
        long[] part = fileHeaders(request, response, callback, file.head());
        if (part == null) {
            return;
        }
        response.write(true, isHead(request) || part[1] == 0 ? null : file.slice(part[0], part[1]), callback);
    }

    /**
     * Status and headers of a file response, Python's plus Range: 304 or 416 sent here (null returned), else
     * 200 or 206 set and the part to send returned as {first, length}.
     */
    private static long[] fileHeaders(Request request, Response response, Callback callback, SmallFiles.Head file) {
        if (notModified(request, file.modifiedSeconds())) {
            response.setStatus(304);
            response.write(true, null, callback);
            return null;
        }
        long size = file.size();
        Optional<ByteRange> range = rangeOf(request, size, file.lastModified());
        if (range.isPresent() && range.get() == ByteRange.UNSATISFIABLE) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
            ErrorPage.send(request, response, callback, 416, null);
            return null;
        }
        response.getHeaders().put(file.contentTypeField());
        response.getHeaders().put(file.lastModifiedField());
        long first = 0;
        long length = size;
        if (range.isPresent()) {
            first = range.get().first();
            length = range.get().length();
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, range.get().contentRange(size));
        } else {
            response.setStatus(200);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        return new long[] {first, length};
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
