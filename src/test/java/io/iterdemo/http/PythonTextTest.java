package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Expected values are what CPython 3.11 returns for the same input. */
class PythonTextTest {
    @Test
    void unquoteDecodesUtf8EscapesAndLeavesMalformedOnesLiteral() {
        assertEquals("/a b/café", PythonText.unquote("/a%20b/caf%C3%A9"));
        assertEquals("%zz%4", PythonText.unquote("%zz%4"));
        assertEquals("a+b", PythonText.unquote("a+b"));
        assertEquals("/a/b", PythonText.unquote("/a%2fb"));
    }

    @Test
    void unquoteReplacesInvalidUtf8WhileTheStrictFormRefusesIt() {
        assertEquals("\ufffd", PythonText.unquote("%ff"));
        assertEquals(Optional.empty(), PythonText.unquoteStrict("%ff"));
        assertEquals(Optional.of("é"), PythonText.unquoteStrict("%C3%A9"));
    }

    @Test
    void unquoteStrictPassesAnEncodedSurrogateAsPythonsSurrogatepassDoes() {
        assertEquals(Optional.of("caf\uDCE9.txt"), PythonText.unquoteStrict("caf%ED%B3%A9.txt"));
        // Surrogates no file name holds never pair up into another character.
        assertEquals(Optional.of("\uDC00\uDC00"), PythonText.unquoteStrict("%ED%A0%80%ED%B0%80"));
        assertEquals(Optional.empty(), PythonText.unquoteStrict("caf%E9.txt"));
        assertEquals("caf\ufffd.txt", PythonText.unquote("caf%E9.txt"));
    }

    @Test
    void quoteEncodesALoneSurrogateAsPythonsSurrogatepassDoes() {
        assertEquals("caf%ED%B3%A9.txt", PythonText.quote("caf\uDCE9.txt"));
        assertEquals("%F0%9F%98%80", PythonText.quote("\uD83D\uDE00"));
    }

    @Test
    void encodePageWritesEscapedBytesBackAsPythonsSurrogateescapeDoes() {
        assertArrayEquals(new byte[] {'a', (byte) 0xe9, (byte) 0xc3, (byte) 0xa9}, PythonText.encodePage("a\uDCE9é"));
    }

    @Test
    void quoteKeepsUnreservedCharactersAndSlashAndEncodesTheRestAsUtf8() {
        assertEquals("a%20b/c_d.e-f~g", PythonText.quote("a b/c_d.e-f~g"));
        assertEquals("caf%C3%A9%20%26%20%3Cx%3E%3F%23%25", PythonText.quote("café & <x>?#%"));
    }

    @Test
    void escapeHtmlEscapesOnlyAmpersandAndAngleBrackets() {
        assertEquals("&amp; &lt;b&gt; \"q\" 'a'", PythonText.escapeHtml("& <b> \"q\" 'a'"));
        assertTrue(PythonText.escapeHtml("plain").equals("plain"));
    }
}
