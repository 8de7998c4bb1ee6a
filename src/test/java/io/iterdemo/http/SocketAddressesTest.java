package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** Expected texts are inet_ntop(3)'s, which Python prints. */
class SocketAddressesTest {
    private static String host(String address) throws Exception {
        return SocketAddresses.host(InetAddress.getByName(address));
    }

    @Test
    void writesIpv6CompressedAsInetNtopDoes() throws Exception {
        assertEquals("::", host("0:0:0:0:0:0:0:0"));
        assertEquals("::1", host("0:0:0:0:0:0:0:1"));
        assertEquals("fd00::2", host("fd00:0:0:0:0:0:0:2"));
        assertEquals("1:0:0:1::1", host("1:0:0:1:0:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", host("2001:db8:0:1:1:1:1:1"));
    }

    @Test
    void writesIpv4AsADottedQuad() throws Exception {
        assertEquals("127.0.0.1", host("127.0.0.1"));
    }

    @Test
    void writesPythonsStartUpLine() throws Exception {
        assertEquals("Serving HTTP on :: port 8000 (http://[::]:8000/) ...",
                SocketAddresses.servingLine(new InetSocketAddress(InetAddress.getByName("::"), 8000)));
        assertEquals("Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...",
                SocketAddresses.servingLine(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8000)));
    }
}
