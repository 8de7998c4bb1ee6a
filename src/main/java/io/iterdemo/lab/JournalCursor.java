package io.iterdemo.lab;

import java.io.IOException;
import java.time.Duration;

/**
 * Where a phase began in the journal, so that its journal expectations see only what was written since:
 * a journal cursor ({@code journalctl --show-cursor}), or, when journalctl prints none (an empty journal;
 * systemd 257's journalctl may skip the active file while journald appends to it), the wall-clock time in
 * microseconds since the epoch ({@code --since=@SECONDS.MICROS}).
 */
public record JournalCursor(String cursor, long epochMicros) {
    private static final Duration QUERY = Duration.ofSeconds(60);
    private static final String MARKER = "-- cursor: ";

    /** The journal's end, now. */
    public static JournalCursor now(Machine machine) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Machine.Outcome out = machine.sh("journalctl -q -n 1 -o cat --show-cursor; date +%s%6N", QUERY);
            String text = out.stdout();
            int at = text.lastIndexOf(MARKER);
            String cursor = at < 0 ? null : text.substring(at + MARKER.length()).lines().findFirst().orElse("").strip();
            long micros;
            try {
                micros = Long.parseLong(Texts.lastLine(text));
            } catch (NumberFormatException e) {
                throw new IOException("cannot tell where the journal stands: `journalctl --show-cursor; date` printed "
                        + Texts.lastLine(text + out.stderr()));
            }
            if (cursor != null && !cursor.isEmpty()) {
                return new JournalCursor(cursor, micros);
            }
            if (attempt == 2) {
                return new JournalCursor(null, micros);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * What {@code unit} and systemd about it wrote to the journal after this point: {@code journalctl -u UNIT},
     * then every other line since that names the unit. A process that lives a few milliseconds (systemd's
     * child that fails to execute {@code ExecStart=}, "iterdemo.service: Failed to locate executable ...") may
     * be gone before journald reads its cgroup; its line then lacks {@code _SYSTEMD_UNIT=} and {@code -u}
     * misses it, though it names the unit.
     */
    public String journalOf(Machine machine, String unit) throws IOException, InterruptedException {
        String from = cursor != null ? "--after-cursor=" + Texts.shellQuote(cursor)
                : "--since=@" + (epochMicros / 1_000_000) + "." + String.format("%06d", epochMicros % 1_000_000);
        return machine.sh("journalctl --no-pager -u " + unit + " " + from + "; journalctl --no-pager " + from
                + " | grep -F -- " + Texts.shellQuote(unit + ": "), QUERY).stdout();
    }

    /** The form kept in the progress file: the cursor, or {@code @MICROS}. */
    public String encode() {
        return cursor != null ? cursor : "@" + epochMicros;
    }

    public static JournalCursor decode(String text) {
        if (text.startsWith("@")) {
            return new JournalCursor(null, Long.parseLong(text.substring(1)));
        }
        return new JournalCursor(text, 0);
    }
}
