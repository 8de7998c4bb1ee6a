package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void readsTheThreeFormsOfASingleRange() {
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=900-", 1000));
        assertEquals(Optional.of(new ByteRange(990, 999)), ByteRange.parse("bytes=-10", 1000));
    }

    @Test
    void clipsARangeThatRunsPastTheEnd() {
        assertEquals(Optional.of(new ByteRange(10, 999)), ByteRange.parse("bytes=10-5000", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", 1000));
        assertEquals("bytes 10-999/1000", new ByteRange(10, 999).contentRange(1000));
    }

    @Test
    void isUnsatisfiableWhenItStartsAtOrPastTheEnd() {
        assertEquals(Optional.of(ByteRange.UNSATISFIABLE), ByteRange.parse("bytes=1000-", 1000));
        assertEquals(Optional.of(ByteRange.UNSATISFIABLE), ByteRange.parse("bytes=-0", 1000));
        assertEquals(Optional.of(ByteRange.UNSATISFIABLE), ByteRange.parse("bytes=0-", 0));
    }

    @Test
    void ignoresWhatIsNotOneWellFormedByteRange() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=5-1", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=+1-2", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=abc", 1000));
    }
}
