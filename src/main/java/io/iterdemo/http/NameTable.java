package io.iterdemo.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The entries of one directory listing, compact: each name as its bytes on disk, packed into shared chunks,
 * with its two marks (directory, link) and one long of bookkeeping; no object per entry. Memory: the names'
 * bytes plus 16 bytes per entry (8 here, 8 while sorting), every byte of it reserved from a {@link
 * ListingMemory} first, so that listings in progress together never hold more than that budget.
 *
 * <p>{@link #sort()} puts the entries in Python's order, {@code list.sort(key=lambda a: a.lower())} over the
 * names as os.listdir decodes them ({@link FileNames#decode}): stable, so names equal but for case keep the
 * directory's order, and compared by code point after full lowercasing (String.toLowerCase(Locale.ROOT),
 * which, like Python's str.lower(), maps U+0130 to two code points and a final sigma to ς).
 */
final class NameTable {
    static final int DIRECTORY = 1;
    static final int LINK = 2;
    /** Every byte is ASCII: compared byte by byte, no decoding. */
    private static final int ASCII = 4;
    /** Holds U+0130 or U+03A3, whose lowercase depends on more than the code point: compared as whole strings. */
    private static final int SPECIAL_CASE = 8;
    private static final int FIRST_CHUNK = 8 * 1024;
    private static final int MAX_CHUNK = 1024 * 1024;
    private static final int NAME_BITS = 12;

    private final ListingMemory memory;
    private final List<byte[]> chunks = new ArrayList<>();
    private int used;
    private long[] entries = new long[0];
    private int size;
    private long reserved;

    /** An empty table that reserves what it holds from {@code memory}; {@link #release()} gives it back. */
    NameTable(ListingMemory memory) {
        this.memory = memory;
    }

    /**
     * Adds a name (its bytes on disk, at most 4095 of them; Linux allows 255) and its marks
     * ({@link #DIRECTORY}, {@link #LINK}).
     *
     * @throws ListingMemory.Exhausted when the budget has no room for it; the table is then still valid and
     *     must still be released
     */
    void add(byte[] name, int marks) throws ListingMemory.Exhausted {
        if (name.length >= 1 << NAME_BITS) {
            throw new IllegalArgumentException("a file name of " + name.length + " bytes");
        }
        if (chunks.isEmpty() || used + name.length > chunks.get(chunks.size() - 1).length) {
            int length = chunks.isEmpty() ? FIRST_CHUNK : Math.min(MAX_CHUNK, chunks.get(chunks.size() - 1).length * 2);
            reserve(Math.max(length, name.length));
            chunks.add(new byte[Math.max(length, name.length)]);
            used = 0;
        }
        if (size == entries.length) {
            int length = Math.max(64, size + (size >> 1));
            // The sort needs a scratch array of the same length: reserved with the entries.
            reserve(16L * (length - entries.length));
            entries = Arrays.copyOf(entries, length);
        }
        byte[] chunk = chunks.get(chunks.size() - 1);
        System.arraycopy(name, 0, chunk, used, name.length);
        // chunk index (20 bits) | offset in the chunk (20 bits) | length (12 bits) | marks (4 bits)
        entries[size++] = (long) (chunks.size() - 1) << 36 | (long) used << 16 | (long) name.length << 4
                | marks | flags(name);
        used += name.length;
    }

    private void reserve(long bytes) throws ListingMemory.Exhausted {
        memory.reserve(bytes);
        reserved += bytes;
    }

    /** Gives back to the budget all this table reserved. */
    void release() {
        memory.release(reserved);
        reserved = 0;
    }

    int size() {
        return size;
    }

    /** The bytes of entry {@code i}'s name. */
    byte[] name(int i) {
        long entry = entries[i];
        byte[] chunk = chunks.get((int) (entry >>> 36));
        int offset = (int) (entry >>> 16) & 0xFFFFF;
        return Arrays.copyOfRange(chunk, offset, offset + length(entry));
    }

    /** Entry {@code i}'s marks: {@link #DIRECTORY}, {@link #LINK}, or both. */
    int marks(int i) {
        return (int) entries[i] & (DIRECTORY | LINK);
    }

    private static int length(long entry) {
        return (int) (entry >>> 4) & ((1 << NAME_BITS) - 1);
    }

    private static int flags(byte[] name) {
        boolean ascii = true;
        for (byte b : name) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return ASCII;
        }
        String text = FileNames.decode(name);
        return text.indexOf('\u0130') >= 0 || text.indexOf('\u03a3') >= 0 ? SPECIAL_CASE : 0;
    }

    /** Sorts in Python's order (see the class comment): a stable merge sort of the entries. */
    void sort() {
        long[] scratch = new long[size];
        mergeSort(entries, scratch, 0, size);
    }

    private void mergeSort(long[] a, long[] scratch, int from, int to) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                long entry = a[i];
                int j = i - 1;
                while (j >= from && compare(a[j], entry) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = entry;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(a, scratch, from, middle);
        mergeSort(a, scratch, middle, to);
        if (compare(a[middle - 1], a[middle]) <= 0) {
            return;
        }
        System.arraycopy(a, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int k = from; k < to; k++) {
            // Ties take the left one: that keeps the directory's order, as Python's sort does.
            if (right >= to || (left < middle && compare(scratch[left], scratch[right]) <= 0)) {
                a[k] = scratch[left++];
            } else {
                a[k] = scratch[right++];
            }
        }
    }

    /** Python's {@code a.lower() < b.lower()}, by code point. */
    private int compare(long a, long b) {
        byte[] chunkA = chunks.get((int) (a >>> 36));
        byte[] chunkB = chunks.get((int) (b >>> 36));
        int offsetA = (int) (a >>> 16) & 0xFFFFF;
        int offsetB = (int) (b >>> 16) & 0xFFFFF;
        int lengthA = length(a);
        int lengthB = length(b);
        if ((a & b & ASCII) != 0) {
            int n = Math.min(lengthA, lengthB);
            for (int i = 0; i < n; i++) {
                int ca = lowerAscii(chunkA[offsetA + i]);
                int cb = lowerAscii(chunkB[offsetB + i]);
                if (ca != cb) {
                    return ca - cb;
                }
            }
            return lengthA - lengthB;
        }
        if (((a | b) & SPECIAL_CASE) != 0) {
            String nameA = FileNames.decode(Arrays.copyOfRange(chunkA, offsetA, offsetA + lengthA));
            String nameB = FileNames.decode(Arrays.copyOfRange(chunkB, offsetB, offsetB + lengthB));
            return compareCodePoints(nameA.toLowerCase(Locale.ROOT), nameB.toLowerCase(Locale.ROOT));
        }
        // Decoded as os.fsdecode would, a code point at a time, without building strings: most names differ early.
        int i = offsetA;
        int j = offsetB;
        int endA = offsetA + lengthA;
        int endB = offsetB + lengthB;
        while (i < endA && j < endB) {
            int na = FileNames.validSequenceLength(chunkA, i, endA);
            int nb = FileNames.validSequenceLength(chunkB, j, endB);
            int la = Character.toLowerCase(FileNames.codePoint(chunkA, i, na));
            int lb = Character.toLowerCase(FileNames.codePoint(chunkB, j, nb));
            if (la != lb) {
                return Integer.compare(la, lb);
            }
            i += Math.max(1, na);
            j += Math.max(1, nb);
        }
        return Boolean.compare(i < endA, j < endB);
    }

    private static int lowerAscii(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** Code-point order (String.compareTo compares UTF-16 units, which differs above U+FFFF). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
