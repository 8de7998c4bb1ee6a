package io.iterdemo.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that directory listings in progress may hold together, in bytes. A listing must sort its names
 * before it sends the first (Python's order), so it holds them all: without a bound, a directory big enough, or
 * a few listed at once, would exhaust the heap ({@code -Xmx64m} under the shipped launcher) and every request
 * would fail. A listing that would go past the budget is answered 503 at once, and the others go on.
 *
 * <p>The default ({@link #ofHeap()}) is the heap ({@link Runtime#maxMemory()}) less 24 MiB left to the rest of
 * the server, and at least half of it: 38 MiB under the launcher's {@code -Xmx64m}, enough for the 150 000
 * entries with 206-character names that Python serves (32 MiB: 207 bytes and 16 more each), or for four
 * directories of 40 000 at once. What a listing costs is in {@link NameTable}; bench/listing.sh measures it.
 */
final class ListingMemory {
    /** Thrown when a reservation would take the listings past the budget. */
    static final class Exhausted extends Exception {
        private static final long serialVersionUID = 1L;

        Exhausted(long limit) {
            super("directory listings in progress would hold more than " + limit / (1024 * 1024) + " MiB");
        }
    }

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** A budget of {@code limit} bytes. */
    ListingMemory(long limit) {
        this.limit = limit;
    }

    /** Room the rest of the server keeps on the heap: its connections, requests and responses. */
    static final long KEPT_FOR_THE_REST = 24L * 1024 * 1024;

    /** The maximum heap less {@link #KEPT_FOR_THE_REST}, and at least half of it. */
    static ListingMemory ofHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        return new ListingMemory(Math.max(heap / 2, heap - KEPT_FOR_THE_REST));
    }

    /** Takes {@code bytes} from the budget, or throws without taking any. */
    void reserve(long bytes) throws Exhausted {
        long now;
        do {
            now = used.get();
            if (now + bytes > limit) {
                throw new Exhausted(limit);
            }
        } while (!used.compareAndSet(now, now + bytes));
    }

    /** Gives back {@code bytes} taken by {@link #reserve(long)}. */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes reserved now. */
    long used() {
        return used.get();
    }
}
