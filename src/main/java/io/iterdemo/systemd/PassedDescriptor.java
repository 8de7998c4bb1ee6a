package io.iterdemo.systemd;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.posix.FileStat;
import jnr.posix.POSIX;

/**
 * What a descriptor systemd passed is, asked of the kernel the way sd-daemon(3)'s {@code sd_is_socket()},
 * {@code sd_is_socket_inet()}, {@code sd_is_socket_unix()} and {@code sd_is_fifo()} ask it: fstat(2) for the file
 * type, then getsockopt(2) for a socket's family ({@code SO_DOMAIN}), type ({@code SO_TYPE}) and whether it listens
 * ({@code SO_ACCEPTCONN}). Everything a socket unit can pass has a kind here (systemd.socket(5): {@code ListenStream=}
 * with {@code Accept=no} or {@code yes}, {@code ListenDatagram=}, {@code ListenSequentialPacket=},
 * {@code ListenFIFO=}, {@code ListenSpecial=}, {@code ListenNetlink=}, ...), so that a service can serve the one
 * it understands and name any other in one line.
 *
 * <p>Asked before the descriptor is touched: Java's {@code System.inheritedChannel()} guesses from the peer address
 * alone and, on JDK 17, wraps a connected TCP socket (what {@code Accept=yes} passes) as a listening one, whose
 * {@code accept(2)} then fails forever.
 */
public final class PassedDescriptor {
    /** The kinds of descriptor, each with the words a one-line error uses for it. */
    public enum Kind {
        LISTENING_TCP("a listening TCP socket"),
        LISTENING_UNIX("a listening Unix-domain stream socket"),
        CONNECTED_STREAM("a stream socket that does not listen: one connection, as Accept=yes passes it"),
        DATAGRAM("a datagram socket (ListenDatagram=)"),
        SEQUENTIAL_PACKET("a sequential-packet socket (ListenSequentialPacket=)"),
        OTHER_SOCKET("a socket of another family or type (ListenNetlink=, a raw or packet socket)"),
        FIFO("a FIFO (ListenFIFO=)"),
        CHARACTER_DEVICE("a character device (ListenSpecial=)"),
        REGULAR_FILE("a regular file (ListenSpecial=)"),
        OTHER_FILE("a file of another type"),
        NOT_OPEN("not open (passed close-on-exec, or not passed at all)");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** How a one-line message names it: "a FIFO (ListenFIFO=)". */
        public String words() {
            return words;
        }

        /** Whether it is a listening stream socket, the one kind a server accepts connections on. */
        public boolean listens() {
            return this == LISTENING_TCP || this == LISTENING_UNIX;
        }
    }

    // Linux values, socket(7) and <sys/socket.h>: the file type and socket options sd-daemon(3) asks for.
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_SEQPACKET = 5;

    /** The one libc call jnr-posix does not bind. */
    public interface SocketOptions {
        int getsockopt(int fd, int level, int name, @Out int[] value, @In @Out int[] length);
    }

    private final POSIX posix;
    private final SocketOptions options;

    private PassedDescriptor(POSIX posix, SocketOptions options) {
        this.posix = posix;
        this.options = options;
    }

    /**
     * A classifier over {@code posix}; binds getsockopt(2) from libc.
     *
     * @throws LinkageError when jnr cannot load its native library (the caller reports it)
     */
    public static PassedDescriptor using(POSIX posix) {
        return new PassedDescriptor(posix, LibraryLoader.create(SocketOptions.class).load("c"));
    }

    /** The kind of descriptor {@code fd} in this process. */
    public Kind kindOf(int fd) {
        FileStat stat;
        try {
            stat = posix.fstat(fd);
        } catch (RuntimeException e) {
            // EBADF: nothing open at that number.
            return Kind.NOT_OPEN;
        }
        if (stat.isFifo()) {
            return Kind.FIFO;
        }
        if (stat.isCharDev()) {
            return Kind.CHARACTER_DEVICE;
        }
        if (stat.isFile()) {
            return Kind.REGULAR_FILE;
        }
        if (!stat.isSocket()) {
            return Kind.OTHER_FILE;
        }
        int family = option(fd, SO_DOMAIN);
        int type = option(fd, SO_TYPE);
        boolean inet = family == AF_INET || family == AF_INET6;
        if (type == SOCK_STREAM && (inet || family == AF_UNIX)) {
            if (option(fd, SO_ACCEPTCONN) == 1) {
                return inet ? Kind.LISTENING_TCP : Kind.LISTENING_UNIX;
            }
            return Kind.CONNECTED_STREAM;
        }
        if (type == SOCK_DGRAM && (inet || family == AF_UNIX)) {
            return Kind.DATAGRAM;
        }
        if (type == SOCK_SEQPACKET && family == AF_UNIX) {
            return Kind.SEQUENTIAL_PACKET;
        }
        return Kind.OTHER_SOCKET;
    }

    /** An int socket option, or -1 when the kernel will not say. */
    private int option(int fd, int name) {
        int[] value = {-1};
        int[] length = {Integer.BYTES};
        return options.getsockopt(fd, SOL_SOCKET, name, value, length) == 0 ? value[0] : -1;
    }
}
