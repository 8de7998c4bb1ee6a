package io.iterdemo.tick;

import java.util.ArrayList;
import java.util.List;

/**
 * LEAK, the memory lesson: every tick keeps a few more megabytes of Java heap reachable for good, as a cache
 * that is never evicted would, until the heap runs out (OutOfMemoryError; exit 3 with
 * {@code -XX:+ExitOnOutOfMemoryError}) or, when {@code -Xmx} is above the unit's {@code MemoryMax=}, until the
 * kernel's OOM killer ends the process.
 *
 * <p>The memory is held in arrays of {@value #CHUNK} bytes at most, so that any LEAK fits in Java arrays and the
 * heap fills up as the figures say: G1 stores an array of half a region or more (512 KiB in its smallest, 1 MiB
 * regions) as a humongous object in whole regions of its own, which would take about twice the memory leaked.
 * One byte of every page is written: the cgroup charges pages only once they are touched, and the lesson is
 * about resident memory, not reservations.
 */
final class SimulatedLeak {
    private static final int CHUNK = 1 << 18;
    private static final int PAGE = 4096;

    private final long bytesPerTick;
    private final List<byte[]> retained = new ArrayList<>();
    private long retainedBytes;

    SimulatedLeak(long bytesPerTick) {
        this.bytesPerTick = bytesPerTick;
    }

    /** Retains LEAK more bytes; nothing when LEAK is 0. May throw OutOfMemoryError, which is the point. */
    void grow() {
        for (long remaining = bytesPerTick; remaining > 0; ) {
            byte[] chunk = new byte[(int) Math.min(remaining, CHUNK)];
            for (int i = 0; i < chunk.length; i += PAGE) {
                chunk[i] = 1;
            }
            retained.add(chunk);
            retainedBytes += chunk.length;
            remaining -= chunk.length;
        }
    }

    /** The bytes retained so far. */
    long retainedBytes() {
        return retainedBytes;
    }

    /** Lets the collector have it all back, so that the error that follows can still be reported. */
    void release() {
        retained.clear();
    }
}
