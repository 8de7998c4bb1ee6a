package io.iterdemo.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Addresses written as Python writes them (the text of inet_ntop(3), which getsockname and getpeername
 * return): {@code ::}, {@code ::1}, {@code fe80::1%eth0}. Java's own form is {@code 0:0:0:0:0:0:0:1}.
 */
final class SocketAddresses {
    private SocketAddresses() {
    }

    /** The address alone: dotted quad, or compressed IPv6 (RFC 5952) with its scope. */
    static String host(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        byte[] bytes = v6.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero words becomes "::" (the first, when two runs tie).
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && words[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            // An IPv4-mapped address keeps its dotted tail, as glibc prints it: ::ffff:192.0.2.1.
            if (i == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff))) {
                text.append(bytes[12] & 0xff).append('.').append(bytes[13] & 0xff).append('.')
                        .append(bytes[14] & 0xff).append('.').append(bytes[15] & 0xff);
                break;
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (v6.getScopedInterface() != null) {
            text.append('%').append(v6.getScopedInterface().getName());
        } else if (v6.getScopeId() != 0) {
            text.append('%').append(v6.getScopeId());
        }
        return text.toString();
    }

    /**
     * A Unix-domain address as nginx writes one: {@code unix:/run/iterdemo-http.sock}, and {@code unix:} alone for a
     * client that did not bind a path (every client a reverse proxy opens); {@code -} when there is none at all.
     */
    static String unix(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return "unix:" + unix.getPath();
        }
        return address == null ? "-" : address.toString();
    }

    /** Python's start-up line: {@code Serving HTTP on :: port 8000 (http://[::]:8000/) ...}. */
    static String servingLine(InetSocketAddress local) {
        String host = host(local.getAddress());
        String urlHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "Serving HTTP on " + host + " port " + local.getPort() + " (http://" + urlHost + ":" + local.getPort()
                + "/) ...";
    }
}
