package io.iterdemo.config;

/**
 * Byte counts written the way systemd's {@code MemoryMax=} and the JVM's {@code -Xmx} write them: binary units,
 * {@code 4M} for 4 MiB. The lesson puts LEAK beside those two values, so the three read alike.
 */
public final class ByteSize {
    private static final long KIB = 1024;
    private static final String[] SUFFIXES = {"G", "M", "K"};
    private static final String[] UNITS = {"GiB", "MiB", "KiB"};
    private static final long[] FACTORS = {KIB * KIB * KIB, KIB * KIB, KIB};

    private ByteSize() {
    }

    /** The multiplier of a suffix, K, M or G in either case; 1 for none. */
    static long factor(String suffix) {
        if (suffix == null || suffix.isEmpty()) {
            return 1;
        }
        for (int i = 0; i < SUFFIXES.length; i++) {
            if (SUFFIXES[i].equalsIgnoreCase(suffix)) {
                return FACTORS[i];
            }
        }
        throw new IllegalArgumentException("not a size suffix: " + suffix);
    }

    /** As a setting is written: {@code 4M}, {@code 512K}, {@code 1000} (the largest unit that divides it exactly). */
    public static String suffixed(long bytes) {
        for (int i = 0; i < FACTORS.length; i++) {
            if (bytes != 0 && bytes % FACTORS[i] == 0) {
                return (bytes / FACTORS[i]) + SUFFIXES[i];
            }
        }
        return Long.toString(bytes);
    }

    /** As people read it: {@code 4 MiB}, {@code 14.5 MiB}, {@code 100 bytes}. */
    public static String readable(long bytes) {
        for (int i = 0; i < FACTORS.length; i++) {
            if (bytes >= FACTORS[i]) {
                long whole = bytes / FACTORS[i];
                long tenths = bytes % FACTORS[i] * 10 / FACTORS[i];
                return whole + (tenths == 0 ? "" : "." + tenths) + " " + UNITS[i];
            }
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
