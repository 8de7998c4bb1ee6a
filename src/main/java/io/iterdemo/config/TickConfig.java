package io.iterdemo.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tick logger's configuration, read from the environment exactly as app.py reads it:
 * {@code LOGFILE} (default {@value #DEFAULT_LOGFILE}) and {@code INTERVAL} in seconds (default
 * {@value #DEFAULT_INTERVAL}, parsed like Python's {@code float()}); plus, for the memory lesson, {@code LEAK},
 * the heap to retain more at every tick (none by default).
 */
public record TickConfig(Path logFile, double intervalSeconds, long leakBytesPerTick) {
    public static final String DEFAULT_LOGFILE = "/var/tmp/iterdemo.log";
    public static final String DEFAULT_INTERVAL = "5";

    /** A whole number of bytes, or of KiB, MiB, GiB with a K, M or G suffix, as MemoryMax= and -Xmx take them. */
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([KMGkmg]?)");

    /** Reads and validates LOGFILE, INTERVAL and LEAK; the exception names the variable and the value at fault. */
    public static TickConfig fromEnvironment(Map<String, String> env) throws ConfigException {
        return new TickConfig(logFile(env), interval(env), leak(env));
    }

    private static Path logFile(Map<String, String> env) throws ConfigException {
        String value = env.getOrDefault("LOGFILE", DEFAULT_LOGFILE);
        // app.py would die on open("") with a traceback; an empty assignment is a configuration mistake.
        if (value.isEmpty()) {
            throw new ConfigException("LOGFILE is set but empty: set it to a file path or remove it");
        }
        if (value.indexOf('\0') >= 0) {
            throw new ConfigException("LOGFILE=" + quoted(value) + " contains a NUL byte");
        }
        return Path.of(value);
    }

    private static double interval(Map<String, String> env) throws ConfigException {
        String value = env.getOrDefault("INTERVAL", DEFAULT_INTERVAL);
        OptionalDouble parsed = PythonFloat.parse(value);
        if (parsed.isEmpty()) {
            throw new ConfigException("INTERVAL=" + quoted(value) + " is not a number of seconds (examples: 5, 0.5, 2e-1)");
        }
        double seconds = parsed.getAsDouble();
        if (!Double.isFinite(seconds) || seconds <= 0) {
            throw new ConfigException("INTERVAL=" + quoted(value) + " must be a finite number of seconds greater than 0");
        }
        return seconds;
    }

    private static long leak(Map<String, String> env) throws ConfigException {
        String value = env.get("LEAK");
        // Unset or empty, as a unit's Environment=LEAK= leaves it: no leak.
        if (value == null || value.isBlank()) {
            return 0;
        }
        Matcher size = SIZE.matcher(value.strip());
        if (!size.matches()) {
            throw new ConfigException("LEAK=" + quoted(value) + " is not a size in bytes (examples: 0, 512K, 4M, 1G)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(size.group(1)), ByteSize.factor(size.group(2)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("LEAK=" + quoted(value) + " is too large for a number of bytes (examples: 0, 512K, 4M, 1G)");
        }
    }

    /** Whether LEAK asks for a simulated leak. */
    public boolean leaks() {
        return leakBytesPerTick > 0;
    }

    /** LEAK as it is best written: {@code 4M}. */
    public String leakText() {
        return ByteSize.suffixed(leakBytesPerTick);
    }

    /** The interval as a {@link Duration}, saturated for absurdly large values rather than overflowing. */
    public Duration interval() {
        double nanos = intervalSeconds * 1e9;
        return nanos >= Long.MAX_VALUE / 4.0 ? Duration.ofNanos(Long.MAX_VALUE / 4) : Duration.ofNanos((long) nanos);
    }

    /**
     * The interval as people write it: {@code 5}, {@code 0.1}, {@code 2.5}; outside [1e-4, 1e16), where Python's
     * {@code repr(float)} switches to an exponent, as Python writes it ({@code 1e-05}, {@code 1.5e+20}), not 300
     * digits.
     */
    public String intervalText() {
        java.math.BigDecimal decimal = java.math.BigDecimal.valueOf(intervalSeconds).stripTrailingZeros();
        if (intervalSeconds >= 1e-4 && intervalSeconds < 1e16) {
            return decimal.toPlainString();
        }
        int exponent = decimal.precision() - decimal.scale() - 1;
        String digits = decimal.unscaledValue().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String magnitude = Integer.toString(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.length() < 2 ? "0" : "") + magnitude;
    }

    /** Shows the value in quotes with control characters escaped, so that blanks and garbage are visible. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
