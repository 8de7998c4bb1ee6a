package io.iterdemo.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * The receiving end of sd_notify, as systemd binds it: a real AF_UNIX datagram socket, either a path or an
 * abstract name. {@link #name()} is the value to put in NOTIFY_SOCKET.
 */
public final class NotifyReceiver implements AutoCloseable {
    private final UnixDatagramChannel channel;
    private final String name;
    private final Path path;
    private final List<String> received = new ArrayList<>();

    private NotifyReceiver(UnixDatagramChannel channel, String name, Path path) {
        this.channel = channel;
        this.name = name;
        this.path = path;
    }

    public static NotifyReceiver atPath(Path path) throws IOException {
        Files.deleteIfExists(path);
        UnixDatagramChannel channel = UnixDatagramChannel.open();
        channel.bind(new UnixSocketAddress(path.toString()));
        channel.configureBlocking(false);
        return new NotifyReceiver(channel, path.toString(), path);
    }

    public static NotifyReceiver abstractName() throws IOException {
        String name = "iterdemo-test-" + UUID.randomUUID();
        UnixDatagramChannel channel = UnixDatagramChannel.open();
        channel.bind(new UnixSocketAddress("\0" + name));
        channel.configureBlocking(false);
        return new NotifyReceiver(channel, "@" + name, null);
    }

    /** The NOTIFY_SOCKET value that reaches this receiver. */
    public String name() {
        return name;
    }

    /** Every datagram received so far, each one whole. */
    public synchronized List<String> drain() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (true) {
            buffer.clear();
            if (!receiveInto(buffer)) {
                return List.copyOf(received);
            }
            buffer.flip();
            received.add(StandardCharsets.UTF_8.decode(buffer).toString());
        }
    }

    /** jnr-unixsocket reports an empty non-blocking socket as an EAGAIN exception rather than null. */
    private boolean receiveInto(ByteBuffer buffer) throws IOException {
        try {
            return channel.receive(buffer) != null;
        } catch (IOException e) {
            if ("Resource temporarily unavailable".equals(e.getMessage())) {
                return false;
            }
            throw e;
        }
    }

    /** Waits for a datagram matching {@code wanted} and returns it; fails with all datagrams seen. */
    public String await(Predicate<String> wanted, Duration timeout, String description)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String message : drain()) {
                if (wanted.test(message)) {
                    return message;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no sd_notify message " + description + " within " + timeout
                        + "; received " + drain());
            }
            Thread.sleep(10);
        }
    }

    /** Waits until {@code count} datagrams in all match {@code wanted}; returns every datagram so far. */
    public List<String> awaitCount(Predicate<String> wanted, int count, Duration timeout, String description)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> all = drain();
            if (all.stream().filter(wanted).count() >= count) {
                return all;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + count + " sd_notify messages " + description + " within "
                        + timeout + "; received " + all);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }
}
