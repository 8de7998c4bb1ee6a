package io.iterdemo.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers are still incomplete {@code timeout} after their first
 * byte arrived: the defence against slowloris, which sends a header a byte at a time and so restarts the idle
 * timeout forever. Jetty has no such limit for HTTP/1 request heads (its minimum data rate applies to bodies).
 *
 * <p>Works from what every connection counts: bytes received and request heads completed. Once a second (or
 * more often for a short timeout) a sweep compares them with the previous sweep: bytes that arrived while no
 * head completed start the clock; a completed head stops it. A connection that is idle (no bytes), or busy
 * sending a response (Jetty reads nothing meanwhile), is never touched here: the idle timeout covers those.
 * The cut-off is therefore between {@code timeout} and {@code timeout} plus one sweep period.
 */
final class RequestHeadTimeout extends AbstractLifeCycle implements Connection.Listener {
    private final long timeoutNanos;
    private final long periodMillis;
    private final Scheduler scheduler;
    private final Map<Connection, Progress> connections = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;

    /** What the last sweep saw of one connection; only the sweep reads or writes it after creation. */
    private static final class Progress {
        long heads;
        long bytes;
        long headStarted;
        boolean inHead;

        Progress(Connection connection) {
            heads = connection.getMessagesIn();
            bytes = connection.getBytesIn();
        }
    }

    RequestHeadTimeout(Duration timeout, Scheduler scheduler) {
        this.timeoutNanos = timeout.toNanos();
        this.periodMillis = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        connections.put(connection, new Progress(connection));
    }

    @Override
    public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        connections.clear();
    }

    private void schedule() {
        sweep = scheduler.schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        connections.forEach((connection, progress) -> {
            long heads = connection.getMessagesIn();
            long bytes = connection.getBytesIn();
            if (heads != progress.heads) {
                progress.heads = heads;
                progress.inHead = false;
            } else if (bytes != progress.bytes && !progress.inHead) {
                progress.inHead = true;
                progress.headStarted = now;
            }
            progress.bytes = bytes;
            if (progress.inHead && now - progress.headStarted > timeoutNanos) {
                connections.remove(connection);
                // The end point, not the connection: closing the connection would answer the half-read request 500.
                connection.getEndPoint().close();
            }
        });
        if (isRunning()) {
            schedule();
        }
    }
}
