package io.iterdemo.http;

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
