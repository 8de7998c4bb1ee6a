package io.iterdemo.systemd;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

import io.iterdemo.os.NativeLibraryException;

/**
 * Socket activation, sd_listen_fds(3): systemd (or {@code systemd-socket-activate}) opens the listening socket
 * itself and starts the service with it as file descriptor 3 ({@code SD_LISTEN_FDS_START}), setting
 * {@code LISTEN_FDS} to the number of descriptors passed and {@code LISTEN_PID} to the process meant to take
 * them. The service then never binds, which is what lets a unit run with {@code PrivateNetwork=yes}, or on
 * a privileged port without any capability.
 *
 * <p>Java has no way to turn a descriptor number into a channel, except one: {@link System#inheritedChannel()}
 * wraps file descriptor 0 when it is a socket (inetd's convention, and systemd's {@code StandardInput=socket}).
 * So {@link #listeningSocket()} duplicates descriptor 3 onto 0 with dup2(2), through jnr-posix, then asks for
 * the inherited channel. Standard input is given up, which a daemon does not read (systemd connects it to
 * /dev/null). This is the route Jetty's {@code ServerConnector.setInheritChannel(true)} expects, minus the
 * need for {@code StandardInput=socket}, which systemd allows only for {@code Accept=yes} sockets.
 */
public final class SocketActivation {
    /** SD_LISTEN_FDS_START: the first passed descriptor. */
    public static final int FIRST_FD = 3;

    private SocketActivation() {
    }

    /**
     * How many descriptors were passed to this process: 0 when {@code LISTEN_PID} is unset or names another
     * process (the variables were inherited from a parent that was activated, not meant for us).
     *
     * @throws IllegalArgumentException when the variables are meant for us but malformed
     */
    public static int listenFds(Map<String, String> env, long ourPid) {
        String pid = env.get("LISTEN_PID");
        String fds = env.get("LISTEN_FDS");
        if (pid == null || fds == null || !pid.strip().equals(Long.toString(ourPid))) {
            return 0;
        }
        try {
            int count = Integer.parseInt(fds.strip());
            if (count < 0) {
                throw new NumberFormatException(fds);
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LISTEN_FDS=\"" + fds + "\" is not a number of file descriptors");
        }
    }

    /**
     * The listening stream socket passed as descriptor 3, as a channel; call once, and only when
     * {@link #listenFds} is 1.
     *
     * @throws IOException when descriptor 3 is not a listening stream socket, or cannot be duplicated
     * @throws NativeLibraryException when jnr's native library, needed for dup2(2), cannot be loaded
     */
    public static ServerSocketChannel listeningSocket() throws IOException, NativeLibraryException {
        POSIX posix;
        try {
            posix = POSIXFactory.getNativePOSIX();
        } catch (LinkageError e) {
            throw NativeLibraryException.of("socket activation", e);
        } catch (RuntimeException e) {
            throw new IOException("native access unavailable to take file descriptor " + FIRST_FD + " (" + e.getMessage() + ")");
        }
        // Check before touching it: if the sender left descriptor 3 close-on-exec, the JVM has since reused the
        // number for a file of its own, and duplicating or closing that would pull it from under the JVM.
        if (!isSocket(posix, FIRST_FD)) {
            throw new IOException("file descriptor " + FIRST_FD + " is not a socket (was it passed close-on-exec?)");
        }
        if (posix.dup2(FIRST_FD, 0) < 0) {
            throw new IOException("dup2(" + FIRST_FD + ", 0) failed: errno " + posix.errno());
        }
        posix.close(FIRST_FD);
        Channel channel = System.inheritedChannel();
        if (channel instanceof ServerSocketChannel listening) {
            return listening;
        }
        if (channel != null) {
            channel.close();
        }
        throw new IOException("file descriptor " + FIRST_FD + " is not a listening stream socket");
    }

    private static boolean isSocket(POSIX posix, int fd) {
        try {
            return posix.fstat(fd).isSocket();
        } catch (RuntimeException e) {
            // EBADF: nothing open at that number.
            return false;
        }
    }
}
