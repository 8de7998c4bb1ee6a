package io.iterdemo.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guest agent's byte stream, as the socket may deliver it: split anywhere, with 0xFF resyncs. */
class JsonFramerTest {
    private final JsonFramer framer = new JsonFramer();

    @Test
    void cutsConsecutiveRepliesApartWhateverTheChunks() {
        String stream = "{\"return\": {\"pid\": 7}}\n{\"return\": {}}\n";
        List<String> replies = new ArrayList<>();
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            replies.addAll(feed(new byte[] {b}));
        }
        assertEquals(List.of("{\"return\": {\"pid\": 7}}", "{\"return\": {}}"), replies);
    }

    @Test
    void bracesAndEscapedQuotesInsideStringsDoNotEndAReply() {
        String reply = "{\"error\": {\"desc\": \"stray '}' and \\\"{\\\" [\"}}";
        assertEquals(List.of(reply), feed(reply.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSyncDelimiterDropsATornReply() {
        byte[] torn = "{\"return\": {\"out-da".getBytes(StandardCharsets.UTF_8);
        byte[] sync = "{\"return\": 42}".getBytes(StandardCharsets.UTF_8);
        byte[] stream = new byte[torn.length + 1 + sync.length];
        System.arraycopy(torn, 0, stream, 0, torn.length);
        stream[torn.length] = (byte) 0xFF;
        System.arraycopy(sync, 0, stream, torn.length + 1, sync.length);
        assertEquals(List.of("{\"return\": 42}"), feed(stream));
    }

    private List<String> feed(byte[] bytes) {
        return framer.feed(bytes, bytes.length).stream()
                .map(message -> new String(message, StandardCharsets.UTF_8))
                .toList();
    }
}
