package io.iterdemo.systemd;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * A client of systemd's service notification protocol, sd_notify(3): newline-separated {@code KEY=VALUE}
 * assignments sent as one datagram to the AF_UNIX socket named by {@code $NOTIFY_SOCKET}.
 *
 * <p>Not being under systemd (the variable unset) is a normal case, not an error: every method then returns
 * {@code false} and sends nothing. {@code true} means the datagram was sent whole. An {@link IOException}
 * means the variable was set but the message could not be delivered (socket gone, permission denied).
 *
 * <p>Why not a library: the one published Java sd_notify client (info.faljse:SDNotify 1.3, 2018) pulls in
 * JNA and slf4j 1.7 and passes the character count, not the byte count, to sendto(2). The JDK has no
 * AF_UNIX datagram sockets, so this client sends through jnr-unixsocket's datagram channel. See
 * docs/decisions/sd-notify-client.md.
 */
public final class SdNotify implements Closeable {
    private static final SdNotify NOT_UNDER_SYSTEMD = new SdNotify(null);

    private final UnixSocketAddress socket;
    private UnixDatagramChannel channel;

    private SdNotify(UnixSocketAddress socket) {
        this.socket = socket;
    }

    /**
     * The notifier for {@code $NOTIFY_SOCKET} in {@code env}; one that sends nothing when it is unset or empty.
     *
     * @throws IllegalArgumentException when the variable holds an address that cannot be a notify socket
     * @throws LinkageError when the variable is set and jnr's native library cannot be loaded (see
     *         {@link io.iterdemo.os.NativeLibraryException})
     */
    public static SdNotify fromEnvironment(Map<String, String> env) {
        String value = env.get("NOTIFY_SOCKET");
        if (value == null || value.isEmpty()) {
            return NOT_UNDER_SYSTEMD;
        }
        return new SdNotify(NotifySocket.address(value));
    }

    /** Whether messages go anywhere, that is whether {@code $NOTIFY_SOCKET} was set. */
    public boolean enabled() {
        return socket != null;
    }

    /** Sends {@code state}, one or more newline-separated assignments, as one datagram. */
    public boolean send(String state) throws IOException {
        if (socket == null) {
            return false;
        }
        if (channel == null) {
            channel = UnixDatagramChannel.open();
        }
        ByteBuffer datagram = ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8));
        int length = datagram.remaining();
        int sent = channel.send(datagram, socket);
        if (sent != length) {
            throw new IOException("sd_notify sent " + sent + " of " + length + " bytes to " + socket);
        }
        return true;
    }

    /** {@code READY=1} with the current status: start-up is complete (Type=notify units become active). */
    public boolean ready(String status) throws IOException {
        return send("READY=1\nSTATUS=" + oneLine(status));
    }

    /** {@code STATUS=}: the sentence {@code systemctl status} shows under the unit's name. */
    public boolean status(String status) throws IOException {
        return send("STATUS=" + oneLine(status));
    }

    /** {@code WATCHDOG=1}: keep-alive for {@code WatchdogSec=}. */
    public boolean watchdog() throws IOException {
        return send("WATCHDOG=1");
    }

    /**
     * {@code RELOADING=1} with {@code MONOTONIC_USEC}, which systemd 253+ requires to match the reload to the
     * request; follow it with {@link #ready(String)} once the configuration is reloaded.
     */
    public boolean reloading(String status) throws IOException {
        return send("RELOADING=1\nMONOTONIC_USEC=" + MonotonicClock.microseconds() + "\nSTATUS=" + oneLine(status));
    }

    /** {@code STOPPING=1}: shutdown has begun (the unit shows "deactivating"). */
    public boolean stopping(String status) throws IOException {
        return send("STOPPING=1\nSTATUS=" + oneLine(status));
    }

    /** A newline would start a new assignment; status sentences must stay one value. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
