package io.iterdemo.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The three text functions SimpleHTTPRequestHandler builds its URLs and pages with, as CPython 3.11 defines
 * them: {@code urllib.parse.unquote}, {@code urllib.parse.quote} (default {@code safe='/'}) and
 * {@code html.escape(s, quote=False)}. Java's URLDecoder/URLEncoder are form codecs ({@code +} for space) and
 * would give different links and different file lookups.
 */
final class PythonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PythonText() {
    }

    /** {@code unquote(s)}: %XX sequences decoded as UTF-8, invalid bytes replaced with U+FFFD. */
    static String unquote(String text) {
        return decode(text, CodingErrorAction.REPLACE).orElseThrow();
    }

    /** {@code unquote(s, errors='surrogatepass')} as the handler calls it: empty where Python raises. */
    static Optional<String> unquoteStrict(String text) {
        return decode(text, CodingErrorAction.REPORT);
    }

    private static Optional<String> decode(String text, CodingErrorAction onError) {
        if (text.indexOf('%') < 0) {
            return Optional.of(text);
        }
        // Python decodes each run of ASCII characters (literal bytes and %XX escapes) on its own and keeps
        // other characters as they are; a malformed escape such as "%zz" or a trailing "%4" stays literal.
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (!flush(run, out, onError)) {
                    return Optional.empty();
                }
                out.append(c);
                i++;
            } else if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                run.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                run.write(c);
                i++;
            }
        }
        return flush(run, out, onError) ? Optional.of(out.toString()) : Optional.empty();
    }

    private static boolean flush(ByteArrayOutputStream run, StringBuilder out, CodingErrorAction onError) {
        if (run.size() == 0) {
            return true;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(onError).onUnmappableCharacter(onError);
        try {
            out.append(decoder.decode(ByteBuffer.wrap(run.toByteArray())));
        } catch (CharacterCodingException e) {
            return false;
        }
        run.reset();
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code quote(s)}: UTF-8 bytes percent-encoded except letters, digits, {@code _.-~} and {@code /}. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** {@code html.escape(s, quote=False)}: only {@code &}, {@code <} and {@code >}. */
    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
