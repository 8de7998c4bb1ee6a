package io.iterdemo.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text functions SimpleHTTPRequestHandler builds its URLs and pages with, as CPython 3.11 and 3.13 define
 * them: {@code urllib.parse.unquote} (with errors='surrogatepass' or the default 'replace'),
 * {@code urllib.parse.quote} (default {@code safe='/'}, errors='surrogatepass'), {@code html.escape(s,
 * quote=False)}, and the page's {@code encode('utf-8', 'surrogateescape')}. Java's URLDecoder/URLEncoder are form codecs ({@code +} for space) and
 * would give different links and different file lookups.
 */
final class PythonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PythonText() {
    }

    /** {@code unquote(s)}: %XX sequences decoded as UTF-8, invalid bytes replaced with U+FFFD. */
    static String unquote(String text) {
        return decode(text, false).orElseThrow();
    }

    /**
     * {@code unquote(s, errors='surrogatepass')} as the handler calls it: empty where Python raises. An encoded
     * surrogate ({@code %ED%B3%A9}, how Python links a name holding the undecodable byte 0xE9) decodes to that
     * lone surrogate, U+DCE9, which {@link FileNames#encode} turns back into the byte. A surrogate no file name can
     * hold (U+D800..U+DC7F, which Python would fail to encode later) decodes to U+DC00, so that two of them never
     * make a pair in a Java string, and still name no file.
     */
    static Optional<String> unquoteStrict(String text) {
        return decode(text, true);
    }

    private static Optional<String> decode(String text, boolean surrogatepass) {
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
                if (!flush(run, out, surrogatepass)) {
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
        return flush(run, out, surrogatepass) ? Optional.of(out.toString()) : Optional.empty();
    }

    private static boolean flush(ByteArrayOutputStream run, StringBuilder out, boolean surrogatepass) {
        if (run.size() == 0) {
            return true;
        }
        byte[] bytes = run.toByteArray();
        run.reset();
        if (!surrogatepass) {
            // Java's decoder replaces each maximal invalid subpart with one U+FFFD, as CPython's does.
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
            try {
                out.append(decoder.decode(ByteBuffer.wrap(bytes)));
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("a replacing decoder cannot fail", e);
            }
            return true;
        }
        int i = 0;
        while (i < bytes.length) {
            int length = FileNames.validSequenceLength(bytes, i);
            if (length > 0) {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            } else if (isEncodedSurrogate(bytes, i)) {
                char surrogate = (char) (0xD000 | (bytes[i + 1] & 0x3f) << 6 | bytes[i + 2] & 0x3f);
                out.append(surrogate >= 0xDC80 && surrogate <= 0xDCFF ? surrogate : '\uDC00');
                i += 3;
            } else {
                return false;
            }
        }
        return true;
    }

    /** ED A0..BF 80..BF: a surrogate code point in UTF-8's 3-byte form, which only surrogatepass accepts. */
    private static boolean isEncodedSurrogate(byte[] bytes, int i) {
        return i + 2 < bytes.length && (bytes[i] & 0xff) == 0xED && (bytes[i + 1] & 0xe0) == 0xA0
                && (bytes[i + 2] & 0xc0) == 0x80;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * {@code quote(s, errors='surrogatepass')}: UTF-8 bytes percent-encoded except letters, digits, {@code _.-~}
     * and {@code /}; a lone surrogate (an undecodable byte of a file name, see {@link FileNames}) as its 3-byte
     * UTF-8 form, so that U+DCE9 becomes {@code %ED%B3%A9}.
     */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '.' || c == '-' || c == '~' || c == '/') {
                    out.append((char) c);
                } else {
                    percent(out, c);
                }
            } else if (c < 0x800) {
                percent(out, 0xC0 | c >> 6);
                percent(out, 0x80 | c & 0x3f);
            } else if (c < 0x10000) {
                // Surrogates included: this is what surrogatepass adds to UTF-8.
                percent(out, 0xE0 | c >> 12);
                percent(out, 0x80 | c >> 6 & 0x3f);
                percent(out, 0x80 | c & 0x3f);
            } else {
                percent(out, 0xF0 | c >> 18);
                percent(out, 0x80 | c >> 12 & 0x3f);
                percent(out, 0x80 | c >> 6 & 0x3f);
                percent(out, 0x80 | c & 0x3f);
            }
        }
        return out.toString();
    }

    private static void percent(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }

    /**
     * {@code s.encode('utf-8', 'surrogateescape')}, how Python writes its pages: UTF-8, and each lone surrogate
     * U+DC80..U+DCFF as the byte it stands for. Any other lone surrogate, which Python fails to encode, is
     * written as U+FFFD.
     */
    static byte[] encodePage(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        encodePage(text, out);
        return out.toByteArray();
    }

    /** As {@link #encodePage(String)}, into {@code out}. */
    static void encodePage(String text, ByteArrayOutputStream out) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            byte[] before = text.substring(start, i).getBytes(StandardCharsets.UTF_8);
            out.write(before, 0, before.length);
            if (c >= 0xDC80 && c <= 0xDCFF) {
                out.write(c & 0xff);
            } else {
                out.write(0xEF);
                out.write(0xBF);
                out.write(0xBD);
            }
            start = i + 1;
        }
        byte[] rest = text.substring(start).getBytes(StandardCharsets.UTF_8);
        out.write(rest, 0, rest.length);
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
