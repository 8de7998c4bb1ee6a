package io.iterdemo.http;

import java.nio.charset.StandardCharsets;

/**
 * A {@code Location} that no browser can read as another host, whatever bytes the request path held.
 *
 * <p>Browsers parse a Location as the WHATWG URL standard says (https://url.spec.whatwg.org/, "basic URL
 * parser"), not as RFC 3986 does: for http and https a backslash counts as a slash, tab and newline
 * characters are removed anywhere, and leading and trailing C0 controls and spaces are stripped. So
 * {@code /\evil.example/} and {@code /\t/evil.example/} both become {@code //evil.example/}, a reference to
 * another host (CVE-2021-28861; Python's fix, gh-87389, collapses only a leading {@code //}). A path-absolute
 * reference whose second character is neither {@code /} nor {@code \} stays on the origin, and dot segments
 * cannot climb out of it.
 *
 * <p>{@link #of(String)} therefore percent-encodes, as UTF-8, every character that the standard strips,
 * treats as a separator, or that is not ASCII (backslash, C0 controls, space, DEL, non-ASCII), and reduces
 * leading slashes to one. What a client had encoded stays as it was: a Location for an ordinary path is
 * byte for byte Python's.
 */
final class SameOriginLocation {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SameOriginLocation() {
    }

    /**
     * {@code reference}: the path, query and fragment to redirect to, beginning with {@code /}. Returns it
     * with the characters above percent-encoded and a single leading slash; a reference that does not
     * begin with a slash is given one, so that it can never be read as a scheme ({@code javascript:}).
     */
    static String of(String reference) {
        int start = 0;
        while (start < reference.length() && reference.charAt(start) == '/') {
            start++;
        }
        StringBuilder out = new StringBuilder(reference.length() + 8).append('/');
        for (int i = start; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c > 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
                continue;
            }
            // One code point at a time, so that a surrogate pair is encoded as its 4 UTF-8 bytes.
            int codePoint = reference.codePointAt(i);
            String text = new String(Character.toChars(codePoint));
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            i += Character.charCount(codePoint) - 1;
        }
        return out.toString();
    }
}
