package io.iterdemo.http;

import java.util.Optional;

/**
 * A single {@code Range: bytes=...} request (RFC 9110 section 14.1.2), resolved against a file's length.
 *
 * <p>Python's handler ignores Range and sends the whole file with 200, so an interrupted {@code curl -C -} or
 * {@code wget -c} starts over. Here a single range gets 206 with Content-Range, and a range that starts past
 * the end gets 416. A header that is not one well-formed byte range (several ranges, another unit, garbage)
 * is ignored and the whole file sent, which the RFC allows.
 */
record ByteRange(long first, long last) {
    /** Marks a Range header every range of which lies outside the file: the answer is 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /** The Content-Range value for this range of a file of {@code size} bytes. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range {@code header} asks of a file of {@code size} bytes: empty to send the whole file,
     * {@link #UNSATISFIABLE} for 416, otherwise the range clipped to the file.
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).strip().equalsIgnoreCase("bytes")) {
            return Optional.empty();
        }
        String spec = value.substring(equals + 1).strip();
        if (spec.indexOf(',') >= 0) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        try {
            if (firstText.isEmpty()) {
                long suffix = digits(lastText);
                if (suffix == 0 || size == 0) {
                    return Optional.of(UNSATISFIABLE);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = digits(firstText);
            long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
            if (last < first) {
                return Optional.empty();
            }
            if (first >= size) {
                return Optional.of(UNSATISFIABLE);
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** 1*DIGIT, nothing else (Long.parseLong would accept a sign). */
    private static long digits(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(text);
        }
        return text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text);
    }
}
