package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected values are CPython 3.11's os.fsdecode and os.fsencode under a UTF-8 (or C) locale. */
class FileNamesTest {
    @TempDir
    Path dir;

    @Test
    void decodesUndecodableBytesAsLoneSurrogatesAsPythonsSurrogateescapeDoes() {
        assertEquals("caf\uDCE9.txt", FileNames.decode(new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'}));
        assertEquals("é", FileNames.decode("é".getBytes(StandardCharsets.UTF_8)));
        // b'\xed\xa0\x80\xc0\xaf\xf4\x90\x80\x80'.decode('utf-8', 'surrogateescape'): surrogates, overlong
        // forms and code points past U+10FFFF are not UTF-8.
        assertEquals("\uDCED\uDCA0\uDC80\uDCC0\uDCAF\uDCF4\uDC90\uDC80\uDC80", FileNames.decode(new byte[] {
            (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xc0, (byte) 0xaf, (byte) 0xf4, (byte) 0x90, (byte) 0x80,
            (byte) 0x80}));
    }

    @Test
    void encodesEscapedBytesBackAndRefusesOtherSurrogatesAsPythonsFsencodeDoes() {
        assertArrayEquals(new byte[] {'c', (byte) 0xe9}, FileNames.encode("c\uDCE9").orElseThrow());
        assertEquals(Optional.empty(), FileNames.encode("\uDC00"));
        assertArrayEquals("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), FileNames.encode("\uD83D\uDE00").orElseThrow());
    }

    @Test
    void roundTripsEveryByteStringThroughDecodeAndEncode() {
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, FileNames.encode(FileNames.decode(bytes)).orElseThrow(), "seed 15, case " + i);
        }
    }

    @Test
    void reachesAndReadsBackTheBytesOfANameThatIsNotUtf8() throws Exception {
        byte[] name = {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'};
        byte[] other = {'c', 'a', 'f', (byte) 0xe8, '.', 't', 'x', 't'};
        Files.writeString(FileNames.resolve(dir, name), "e9");
        Files.writeString(FileNames.resolve(dir, other), "e8");
        assertEquals("e9", Files.readString(FileNames.resolve(dir, name)));
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                byte[] bytes = FileNames.nameBytes(entry);
                assertTrue(java.util.Arrays.equals(bytes, name) || java.util.Arrays.equals(bytes, other));
                assertEquals(bytes[3] == (byte) 0xe9 ? "e9" : "e8", Files.readString(FileNames.resolve(dir, bytes)));
                seen++;
            }
        }
        assertEquals(2, seen);
        assertArrayEquals((dir.toAbsolutePath() + "/caf").getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOf(FileNames.pathBytes(FileNames.resolve(dir, name)), dir.toAbsolutePath().toString()
                        .getBytes(StandardCharsets.UTF_8).length + 4));
    }
}
