package io.iterdemo.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that directory listings in progress may hold together, in bytes. A listing must sort its names
 * before it sends the first (Python's order), so it holds them all: without a bound, a directory big enough, or
 * a few listed at once, would exhaust the heap ({@code -Xmx64m} under the shipped launcher) and every request
 * would fail. A listing that would go past the budget is answered 503 at once, and the others go on.
 *
 * <p>The default is half the heap ({@link Runtime#maxMemory()}): the names of 150 000 entries of 200 bytes
 * under {@code -Xmx64m}. What a listing costs is in {@link NameTable}.
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

    /** Half the maximum heap. */
    static ListingMemory halfTheHeap() {
        return new ListingMemory(Runtime.getRuntime().maxMemory() / 2);
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
