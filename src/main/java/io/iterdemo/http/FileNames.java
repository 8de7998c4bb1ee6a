package io.iterdemo.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * File names as bytes, the way Linux stores them and Python's os module hands them out (PEP 383): a name is
 * decoded as UTF-8, and each byte that is not part of valid UTF-8 becomes the lone surrogate U+DC80 + (byte -
 * 0x80) ({@code os.fsdecode}, errors='surrogateescape'); encoding reverses it ({@code os.fsencode}). Python
 * uses UTF-8 for file names in the C, POSIX and C.UTF-8 locales alike (PEP 538, PEP 540), so this class does
 * not depend on the locale either.
 *
 * <p>Why not {@link Path#toString()}: the JDK decodes names with the locale's charset ({@code sun.jnu.encoding},
 * fixed at start-up) and replaces what it cannot decode, so {@code caf\xe9.txt} comes out as {@code caf\uFFFD.txt}
 * (or {@code caf?.txt} under LANG=C), two different names look alike, and the string leads back to no file. A
 * {@link Path} read from the file system keeps the bytes, though, and {@link Path#toUri()} and
 * {@link Path#of(URI)} carry them both ways as {@code %XX}: that is the JDK's only public road to the raw bytes,
 * taken here when the name is not plain UTF-8.
 */
final class FileNames {
    private static final boolean UTF8_LOCALE = isUtf8(System.getProperty("sun.jnu.encoding", ""));
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    private static boolean isUtf8(String charset) {
        return charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8");
    }

    /** The bytes of {@code path}'s last element, exactly as on disk. */
    static byte[] nameBytes(Path path) {
        Path name = path.getFileName();
        String text = name == null ? "" : name.toString();
        if (isLossless(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        String raw = path.toAbsolutePath().toUri().getRawPath();
        int end = raw.endsWith("/") && raw.length() > 1 ? raw.length() - 1 : raw.length();
        return percentDecode(raw.substring(raw.lastIndexOf('/', end - 1) + 1, end));
    }

    /** The bytes of the whole of {@code path}, made absolute, exactly as on disk. */
    static byte[] pathBytes(Path path) {
        Path absolute = path.toAbsolutePath();
        String text = absolute.toString();
        if (isLossless(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        String raw = absolute.toUri().getRawPath();
        // toUri() marks a directory with a final slash; the path itself has none (except the root).
        if (raw.length() > 1 && raw.endsWith("/") && !text.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return percentDecode(raw);
    }

    /** {@code directory} joined with the one name {@code name} (no slash, no NUL), byte for byte. */
    static Path resolve(Path directory, byte[] name) {
        if (isPrintableAscii(name)) {
            return directory.resolve(new String(name, StandardCharsets.US_ASCII));
        }
        if (UTF8_LOCALE && isValidUtf8(name)) {
            return directory.resolve(new String(name, StandardCharsets.UTF_8));
        }
        StringBuilder uri = new StringBuilder("file://");
        appendPercentEncoded(uri, pathBytes(directory));
        if (uri.charAt(uri.length() - 1) != '/') {
            uri.append('/');
        }
        appendPercentEncoded(uri, name);
        return Path.of(URI.create(uri.toString()));
    }

    /**
     * {@code os.fsdecode}: UTF-8, each byte of an invalid sequence as its own lone surrogate U+DC80..U+DCFF (as
     * CPython's decoder with surrogateescape: surrogates, overlong forms and code points above U+10FFFF are
     * invalid).
     */
    static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int length = validSequenceLength(bytes, i);
            if (length == 0) {
                out.append((char) (0xDC00 | (bytes[i] & 0xff)));
                i++;
            } else {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            }
        }
        return out.toString();
    }

    /**
     * The code point {@code os.fsdecode} gives for the bytes at {@code i} (before {@code end}), {@code length}
     * bytes long when {@code length} is what {@link #validSequenceLength(byte[], int, int)} said, 0 for an
     * undecodable byte (then U+DC80..U+DCFF).
     */
    static int codePoint(byte[] bytes, int i, int length) {
        int b0 = bytes[i] & 0xff;
        return switch (length) {
            case 1 -> b0;
            case 2 -> (b0 & 0x1f) << 6 | bytes[i + 1] & 0x3f;
            case 3 -> (b0 & 0x0f) << 12 | (bytes[i + 1] & 0x3f) << 6 | bytes[i + 2] & 0x3f;
            case 4 -> (b0 & 0x07) << 18 | (bytes[i + 1] & 0x3f) << 12 | (bytes[i + 2] & 0x3f) << 6 | bytes[i + 3] & 0x3f;
            default -> 0xDC00 | b0;
        };
    }

    /**
     * {@code os.fsencode}: UTF-8, each lone surrogate U+DC80..U+DCFF back to its byte; empty where Python raises
     * UnicodeEncodeError (any other lone surrogate).
     */
    static Optional<byte[]> encode(String name) {
        if (!hasLoneSurrogate(name)) {
            return Optional.of(name.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            int c = name.codePointAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF) {
                out.write(c & 0xff);
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                return Optional.empty();
            } else {
                byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
            i += Character.charCount(c);
        }
        return Optional.of(out.toByteArray());
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The length of the valid UTF-8 sequence at {@code i}, 0 if the byte there does not start one (RFC 3629's
     * table: no overlong forms, no surrogates, nothing above U+10FFFF).
     */
    static int validSequenceLength(byte[] bytes, int i) {
        return validSequenceLength(bytes, i, bytes.length);
    }

    /** As {@link #validSequenceLength(byte[], int)}, for the name that ends before {@code end}. */
    static int validSequenceLength(byte[] bytes, int i, int end) {
        int b0 = bytes[i] & 0xff;
        if (b0 < 0x80) {
            return 1;
        }
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            low = b0 == 0xE0 ? 0xA0 : 0x80;
            high = b0 == 0xED ? 0x9F : 0xBF;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            low = b0 == 0xF0 ? 0x90 : 0x80;
            high = b0 == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > end) {
            return 0;
        }
        int b1 = bytes[i + 1] & 0xff;
        if (b1 < low || b1 > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int b = bytes[i + k] & 0xff;
            if (b < 0x80 || b > 0xBF) {
                return 0;
            }
        }
        return length;
    }

    /** Whether the JDK's text for a name is its bytes decoded without loss: a UTF-8 locale and no U+FFFD. */
    private static boolean isLossless(String text) {
        return UTF8_LOCALE ? text.indexOf('\uFFFD') < 0 : isAscii(text);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            // Under a non-UTF-8 locale the JDK shows an undecodable byte as '?': a '?' proves nothing.
            if (text.charAt(i) >= 0x80 || text.charAt(i) == '?') {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int length = validSequenceLength(bytes, i);
            if (length == 0 || (length == 1 && bytes[i] < 0x20)) {
                return false;
            }
            i += length;
        }
        return true;
    }

    private static boolean isPrintableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static void appendPercentEncoded(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.'
                    || c == '-' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
