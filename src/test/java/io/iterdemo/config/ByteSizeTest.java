package io.iterdemo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void writesASettingWithTheLargestExactUnit() {
        assertEquals("4M", ByteSize.suffixed(4L << 20));
        assertEquals("1536K", ByteSize.suffixed(1536L << 10));
        assertEquals("2G", ByteSize.suffixed(2L << 30));
        assertEquals("1000", ByteSize.suffixed(1000));
        assertEquals("0", ByteSize.suffixed(0));
    }

    @Test
    void readsOutSizesInBinaryUnitsToATenth() {
        assertEquals("4 MiB", ByteSize.readable(4L << 20));
        assertEquals("9.5 MiB", ByteSize.readable((19L << 20) / 2));
        assertEquals("1.5 KiB", ByteSize.readable(1536));
        assertEquals("1 GiB", ByteSize.readable(1L << 30));
        assertEquals("100 bytes", ByteSize.readable(100));
        assertEquals("1 byte", ByteSize.readable(1));
    }
}
