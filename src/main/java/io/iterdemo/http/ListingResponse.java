package io.iterdemo.http;

import java.nio.ByteBuffer;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * Sends a directory listing's body a buffer at a time (Jetty's IteratingCallback): each buffer is filled with
 * the next lines when the previous one has been written, so the page is never held whole, and no thread waits
 * on a slow reader meanwhile (the connection's idle timeout closes a reader that stops). Releases the names'
 * memory when done, however it ends.
 */
final class ListingResponse extends IteratingCallback {
    /** Larger than any line: a name has at most 4095 bytes ({@link NameTable}), 9 characters each once quoted. */
    private static final int BUFFER = 64 * 1024;

    private final Response response;
    private final Callback callback;
    private final NameTable table;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private byte[] pending;
    /** -1 for the head, then the entries, then {@code table.size()} for the foot. */
    private int next = -1;
    private boolean last;

    /** Sends {@code head}, the lines of {@code table} and the foot to {@code response}, then completes {@code callback}. */
    ListingResponse(Response response, Callback callback, byte[] head, NameTable table) {
        this.response = response;
        this.callback = callback;
        this.table = table;
        this.pending = head;
    }

    @Override
    protected Action process() {
        if (last) {
            return Action.SUCCEEDED;
        }
        buffer.clear();
        while (true) {
            if (pending == null) {
                next++;
                if (next < table.size()) {
                    pending = DirectoryListing.line(table, next);
                } else if (next == table.size()) {
                    pending = DirectoryListing.foot();
                } else {
                    last = true;
                    break;
                }
            }
            if (pending.length > buffer.remaining()) {
                break;
            }
            buffer.put(pending);
            pending = null;
        }
        buffer.flip();
        response.write(last, buffer, this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        table.release();
        callback.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        table.release();
        callback.failed(cause);
    }
}
