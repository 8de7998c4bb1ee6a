package io.iterdemo.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnr.constants.platform.OpenFlags;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Real descriptors of each kind a socket unit can pass, opened in this JVM, classified as sd-daemon(3) would. The
 * listening TCP socket and the real hand-over are in the end-to-end {@code SocketActivationIT}.
 */
class PassedDescriptorTest {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_SEQPACKET = 5;

    private final POSIX posix = POSIXFactory.getNativePOSIX();
    private final PassedDescriptor descriptors = PassedDescriptor.using(posix);
    private final java.util.List<Integer> opened = new java.util.ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() {
        opened.forEach(posix::close);
    }

    private int[] socketPair(int type) {
        int[] pair = new int[2];
        assertEquals(0, posix.socketpair(AF_UNIX, type, 0, pair));
        opened.add(pair[0]);
        opened.add(pair[1]);
        return pair;
    }

    private int open(Path path, int flags) {
        int fd = posix.open(path.toString(), flags, 0644);
        assertTrue(fd >= 0, "open " + path);
        opened.add(fd);
        return fd;
    }

    @Test
    void takesAListeningUnixDomainStreamSocketForOneItCanServe() throws Exception {
        try (UnixServerSocketChannel listening = UnixServerSocketChannel.open()) {
            listening.socket().bind(new UnixSocketAddress(dir.resolve("http.sock").toFile()));
            PassedDescriptor.Kind kind = descriptors.kindOf(listening.getFD());
            assertEquals(PassedDescriptor.Kind.LISTENING_UNIX, kind);
            assertTrue(kind.listens());
        }
    }

    @Test
    void namesAConnectedStreamSocketAsTheConnectionAcceptYesPasses() {
        PassedDescriptor.Kind kind = descriptors.kindOf(socketPair(SOCK_STREAM)[0]);
        assertEquals(PassedDescriptor.Kind.CONNECTED_STREAM, kind);
        assertFalse(kind.listens());
        assertTrue(kind.words().contains("Accept=yes"), kind.words());
    }

    @Test
    void namesADatagramSocket() {
        assertEquals(PassedDescriptor.Kind.DATAGRAM, descriptors.kindOf(socketPair(SOCK_DGRAM)[0]));
    }

    @Test
    void namesASequentialPacketSocket() {
        assertEquals(PassedDescriptor.Kind.SEQUENTIAL_PACKET, descriptors.kindOf(socketPair(SOCK_SEQPACKET)[0]));
    }

    @Test
    void namesAFifo() {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, posix.mkfifo(fifo.toString(), 0600));
        // Read-write, so that opening does not wait for a writer (fifo(7)).
        int fd = open(fifo, OpenFlags.O_RDWR.intValue() | OpenFlags.O_NONBLOCK.intValue());
        assertEquals(PassedDescriptor.Kind.FIFO, descriptors.kindOf(fd));
    }

    @Test
    void namesACharacterDeviceAndARegularFile() throws Exception {
        assertEquals(PassedDescriptor.Kind.CHARACTER_DEVICE,
                descriptors.kindOf(open(Path.of("/dev/null"), OpenFlags.O_RDONLY.intValue())));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals(PassedDescriptor.Kind.REGULAR_FILE, descriptors.kindOf(open(file, OpenFlags.O_RDONLY.intValue())));
    }

    @Test
    void namesADescriptorThatIsNotOpen() {
        int fd = open(Path.of("/dev/null"), OpenFlags.O_RDONLY.intValue());
        posix.close(fd);
        opened.remove(Integer.valueOf(fd));
        assertEquals(PassedDescriptor.Kind.NOT_OPEN, descriptors.kindOf(fd));
    }
}
