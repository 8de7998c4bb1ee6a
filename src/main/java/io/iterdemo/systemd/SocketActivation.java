package io.iterdemo.systemd;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.Optional;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

import io.iterdemo.os.NativeLibraryException;

/**
 * Socket activation, sd_listen_fds(3): systemd (or {@code systemd-socket-activate}) opens the listening socket
 * itself and starts the service with it as file descriptor 3 ({@code SD_LISTEN_FDS_START}), setting
 * {@code LISTEN_FDS} to the number of descriptors passed, {@code LISTEN_PID} to the process meant to take
 * them and {@code LISTEN_FDNAMES} to their names ({@code FileDescriptorName=}). The service then never binds,
 * which is what lets a unit run with {@code PrivateNetwork=yes}, or on a privileged port without any capability.
 *
 * <p>Java has no way to turn a descriptor number into a channel, except one: {@link System#inheritedChannel()}
 * wraps file descriptor 0 when it is a socket (inetd's convention, and systemd's {@code StandardInput=socket}).
 * So {@link #listeningSocket} duplicates descriptor 3 onto 0 with dup2(2), through jnr-posix, then asks for
 * the inherited channel. Standard input is given up, which a daemon does not read (systemd connects it to
 * /dev/null). This is the route Jetty's {@code ServerConnector.setInheritChannel(true)} expects, minus the
 * need for {@code StandardInput=socket}, which systemd allows only for {@code Accept=yes} sockets. It also means
 * one descriptor at most: the JDK wraps descriptor 0 once per process.
 *
 * <p>Before anything is touched, {@link PassedDescriptor} asks the kernel what descriptor 3 is: a listening TCP
 * or Unix-domain stream socket is taken; anything else a socket unit can pass (a connection from
 * {@code Accept=yes}, a datagram socket, a FIFO, ...) is refused with its name, so that the caller can stop
 * before it tells systemd READY=1.
 */
public final class SocketActivation {
    /** SD_LISTEN_FDS_START: the first passed descriptor. */
    public static final int FIRST_FD = 3;

    private SocketActivation() {
    }

    /**
     * How many descriptors were passed to this process: 0 when {@code LISTEN_PID} is unset or names another
     * process (the variables were inherited from a parent that was activated, not meant for us), as
     * sd_listen_fds(3) answers.
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
     * Why {@code LISTEN_FDS}, though set, is not for this process, in words for a warning: LISTEN_PID names another
     * process (a wrapper that forked instead of exec'ing, or a parent's variables inherited) or is missing. Empty
     * when LISTEN_FDS is unset or 0 (nothing to ignore), or the variables are for us.
     */
    public static Optional<String> ignored(Map<String, String> env, long ourPid) {
        String fds = env.get("LISTEN_FDS");
        String pid = env.get("LISTEN_PID");
        if (fds == null || fds.strip().equals("0") || (pid != null && pid.strip().equals(Long.toString(ourPid)))) {
            return Optional.empty();
        }
        String whose = pid == null ? "no LISTEN_PID names this process" : "LISTEN_PID=" + pid + " is another process, not this one (" + ourPid + ")";
        return Optional.of("LISTEN_FDS=" + fds + " ignored: " + whose + ", so the descriptors are not ours (sd_listen_fds(3));"
                + " if a wrapper script starts iterdemo, it must exec it");
    }

    /**
     * The variables as a message quotes them: {@code LISTEN_FDS=2}, with {@code LISTEN_FDNAMES=web:admin} after it
     * when systemd named the descriptors ({@code FileDescriptorName=}, {@code systemd-socket-activate --fdname}).
     */
    public static String variables(Map<String, String> env) {
        String names = env.get("LISTEN_FDNAMES");
        String fds = "LISTEN_FDS=" + env.get("LISTEN_FDS");
        return names == null || names.isEmpty() ? fds : fds + " LISTEN_FDNAMES=" + names;
    }

    /**
     * The passed socket as a channel, and what closing it takes. The JDK's inherited channel follows inetd's
     * convention, where the socket was also standard output and error: closing it points descriptors 0, 1 and 2
     * at /dev/null. Without care the stop line, and anything logged after it, would vanish from the journal; so
     * copies of 1 and 2 are kept and put back.
     */
    public static final class Taken implements AutoCloseable {
        private final Channel channel;
        private final POSIX posix;
        private final int stdout;
        private final int stderr;

        private Taken(Channel channel, POSIX posix, int stdout, int stderr) {
            this.channel = channel;
            this.posix = posix;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** The listening channel (a {@link ServerSocketChannel} once {@link #listeningSocket} returns it). */
        public ServerSocketChannel listening() {
            return (ServerSocketChannel) channel;
        }

        Channel channel() {
            return channel;
        }

        /**
         * Puts standard output and error back where they were, after the channel was closed (stopping the server
         * closes it); closes the channel first if it is still open.
         */
        @Override
        public void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // Closing a socket we only listened on loses nothing.
            }
            restore(stdout, 1);
            restore(stderr, 2);
        }

        private void restore(int copy, int fd) {
            if (copy >= 0) {
                posix.dup2(copy, fd);
                posix.close(copy);
            }
        }
    }

    /**
     * The listening stream socket passed as descriptor 3, TCP or Unix-domain, as a channel; call once, and only when
     * {@link #listenFds} is 1. Close the result once the server has stopped.
     *
     * @throws IOException naming what descriptor 3 is when it is not a listening stream socket
     *         ({@link PassedDescriptor.Kind#words()}), or when it cannot be duplicated
     * @throws NativeLibraryException when jnr's native library, needed for dup2(2), cannot be loaded
     */
    public static Taken listeningSocket() throws IOException, NativeLibraryException {
        POSIX posix;
        PassedDescriptor descriptors;
        try {
            posix = POSIXFactory.getNativePOSIX();
            descriptors = PassedDescriptor.using(posix);
        } catch (LinkageError e) {
            throw NativeLibraryException.of("socket activation", e);
        } catch (RuntimeException e) {
            throw new IOException("native access unavailable to take file descriptor " + FIRST_FD + " (" + e.getMessage() + ")");
        }
        // Check before touching it: if the sender left descriptor 3 close-on-exec, the JVM has since reused the
        // number for a file of its own, and duplicating or closing that would pull it from under the JVM.
        PassedDescriptor.Kind kind = descriptors.kindOf(FIRST_FD);
        if (!kind.listens()) {
            throw new IOException("file descriptor " + FIRST_FD + " is " + kind.words()
                    + "; iterdemo http needs one listening stream socket (ListenStream= with Accept=no)");
        }
        if (posix.dup2(FIRST_FD, 0) < 0) {
            throw new IOException("dup2(" + FIRST_FD + ", 0) failed: errno " + posix.errno());
        }
        posix.close(FIRST_FD);
        Taken taken = new Taken(System.inheritedChannel(), posix, posix.dup(1), posix.dup(2));
        if (taken.channel() instanceof ServerSocketChannel) {
            return taken;
        }
        taken.close();
        throw new IOException("file descriptor " + FIRST_FD + " is " + kind.words() + ", but Java cannot wrap it as one");
    }
}
