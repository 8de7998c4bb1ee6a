package io.iterdemo.systemd;

import jnr.unixsocket.UnixSocketAddress;

/**
 * The address rules of {@code $NOTIFY_SOCKET} (sd_notify(3)): an absolute path names a socket in the file
 * system, a leading {@code @} names a socket in Linux's abstract namespace (the {@code @} stands for the
 * leading NUL byte of the real address). systemd 253 added {@code vsock:} addresses, which a service on
 * the host never receives; they are refused with a clear message rather than misread as a path.
 */
public final class NotifySocket {
    /** sizeof(sun_path) in struct sockaddr_un on Linux. */
    private static final int MAX_ADDRESS_BYTES = 108;

    private NotifySocket() {
    }

    /** The socket address that {@code value} names. */
    public static UnixSocketAddress address(String value) {
        if (value.startsWith("@") && value.length() > 1) {
            return checked(value, "\0" + value.substring(1));
        }
        if (value.startsWith("/")) {
            return checked(value, value);
        }
        throw new IllegalArgumentException("NOTIFY_SOCKET=\"" + value + "\" is neither an absolute path nor an @abstract name");
    }

    private static UnixSocketAddress checked(String value, String address) {
        // jnr-unixsocket sizes the address by characters; a multi-byte name would be sent truncated.
        if (!address.chars().allMatch(c -> c < 0x80)) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=\"" + value + "\" is not ASCII");
        }
        if (address.length() > MAX_ADDRESS_BYTES) {
            throw new IllegalArgumentException("NOTIFY_SOCKET=\"" + value + "\" is longer than " + MAX_ADDRESS_BYTES + " bytes");
        }
        return new UnixSocketAddress(address);
    }
}
