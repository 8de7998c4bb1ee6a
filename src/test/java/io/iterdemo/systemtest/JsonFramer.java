package io.iterdemo.systemtest;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the guest agent's byte stream into complete JSON objects.
 *
 * <p>The agent's replies carry no length prefix, and a reply to guest-sync-delimited is
 * preceded by a 0xFF byte (never valid in UTF-8 JSON). 0xFF therefore throws away any
 * partial object, which is what makes a resync after a stale or torn reply reliable.
 */
final class JsonFramer {
    private static final int DELIMITER = 0xFF;

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int depth;
    private boolean inString;
    private boolean escaped;

    /** Feeds {@code length} bytes; returns the objects they complete, oldest first. */
    List<byte[]> feed(byte[] bytes, int length) {
        List<byte[]> complete = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == DELIMITER) {
                reset();
            } else if (depth == 0 && b != '{') {
                // Whitespace or newlines between objects.
                continue;
            } else {
                current.write(b);
                track(b);
                if (depth == 0) {
                    complete.add(current.toByteArray());
                    reset();
                }
            }
        }
        return complete;
    }

    private void track(int b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if (b == '}' || b == ']') {
            depth--;
        }
    }

    private void reset() {
        current.reset();
        depth = 0;
        inString = false;
        escaped = false;
    }
}
