package io.iterdemo.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tick logger as a Type=notify service under a real systemd: readiness, status text,
 * output in its log file and in the journal, a clean stop, a restart after a crash, and
 * what a broken ExecStart looks like.
 */
@SystemdTest(units = TickServiceSystemTest.UNIT, packageInstalled = true)
class TickServiceSystemTest {
    static final String UNIT = "iterdemo.service";
    private static final String JAR = "/opt/iterdemo/iterdemo.jar";
    private static final String LOG_FILE = "/var/tmp/iterdemo.log";
    private static final Duration TIMEOUT_STOP = Duration.ofSeconds(10);
    /** Emulated guests start a JVM in seconds, not milliseconds: waits are long but bounded. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final String UNIT_FILE = """
            [Unit]
            Description=iterdemo tick logger (system test)

            [Service]
            Type=notify
            ExecStart=/usr/bin/java -jar /opt/iterdemo/iterdemo.jar
            Environment=INTERVAL=1
            Restart=always
            RestartSec=1
            TimeoutStopSec=10

            [Install]
            WantedBy=multi-user.target
            """;

    /** A deliberate break, as a trainer would make it with `systemctl edit`. */
    private static final String BROKEN_EXEC_START = """
            [Service]
            ExecStart=
            ExecStart=/usr/bin/no-such-java -jar /opt/iterdemo/iterdemo.jar
            # Without this, Restart=always retries until the start limit and Result says start-limit-hit.
            Restart=no
            """;

    @BeforeAll
    static void installDaemon(Vm vm) throws Exception {
        Path jar = Path.of(System.getProperty("iterdemo.jar", "target/iterdemo.jar"));
        assertTrue(Files.isRegularFile(jar), "no daemon jar at " + jar + ": run `mvn package` first");
        // The VM boots with the .deb installed (the package layer), which brought Java: the test needs its JVM, not
        // the package's service, whose unit this one replaces as a trainer's /etc/systemd/system copy would. Java
        // installed this way costs nothing here; installing it again in this VM took five minutes of emulation.
        vm.runOk("systemctl", "disable", "--now", UNIT);
        vm.copy(jar, JAR, "0644");
        vm.write("/etc/systemd/system/" + UNIT, UNIT_FILE);
        vm.runOk("systemctl", "daemon-reload");
        // Enabled, multi-user.target refers to the unit, so systemd keeps it loaded while it is
        // stopped: an unreferenced stopped unit is unloaded and `systemctl show` then reports
        // a fresh one (Result=success, all timestamps 0) instead of how the last run ended.
        vm.runOk("systemctl", "enable", UNIT);
    }

    /** Every test starts from a stopped unit with no failure record, no drop-in and no log file. */
    @BeforeEach
    void resetUnit(Vm vm) throws Exception {
        vm.shOk("systemctl stop " + UNIT
                + " && rm -rf /etc/systemd/system/" + UNIT + ".d " + LOG_FILE
                + " && systemctl daemon-reload"
                // Refused for a unit systemd has unloaded, which a stopped one may be: nothing to reset then.
                + " && { systemctl reset-failed " + UNIT + " 2>/dev/null || true; }");
    }

    @Test
    void startsActiveWithStatusTextAndTicksInLogFileAndJournal(Vm vm) throws Exception {
        // Type=notify: start returns only after the daemon sent READY=1.
        vm.runOk("systemctl", "start", UNIT);
        Map<String, String> state = vm.show(UNIT, "ActiveState", "SubState", "StatusText");
        assertEquals("active", state.get("ActiveState"), state.toString());
        assertEquals("running", state.get("SubState"), state.toString());
        assertFalse(state.get("StatusText").isBlank(), "the daemon sets a STATUS= text: " + state);

        vm.await("a [tick] line in " + LOG_FILE, PATIENCE,
                () -> vm.run("cat", LOG_FILE).stdout(), log -> log.contains("[tick]"));
        String log = vm.runOk("cat", LOG_FILE).stdout();
        assertTrue(log.startsWith("[start] "), "the log file begins with [start]:\n" + log);

        vm.await("a [tick] line in journalctl -u " + UNIT, PATIENCE,
                () -> vm.journal(UNIT), journal -> journal.contains("[tick]"));
    }

    @Test
    void stopsCleanlyWellWithinTimeoutStopSec(Vm vm) throws Exception {
        vm.runOk("systemctl", "start", UNIT);
        vm.await("a first [tick] in " + LOG_FILE, PATIENCE,
                () -> vm.run("cat", LOG_FILE).stdout(), log -> log.contains("[tick]"));

        vm.runOk("systemctl", "stop", UNIT);

        Map<String, String> state = vm.show(UNIT, "ActiveState", "Result", "ExecMainCode", "ExecMainStatus",
                "ActiveExitTimestampMonotonic", "InactiveEnterTimestampMonotonic");
        assertEquals("inactive", state.get("ActiveState"), state.toString());
        assertEquals("success", state.get("Result"), state.toString());
        assertEquals("1", state.get("ExecMainCode"), "exited (CLD_EXITED), not killed: " + state);
        assertEquals("0", state.get("ExecMainStatus"), state.toString());
        // systemd's own clock: from leaving "active" (SIGTERM sent) to "inactive" (main process gone).
        long activeExit = Long.parseLong(state.get("ActiveExitTimestampMonotonic"));
        long inactiveEnter = Long.parseLong(state.get("InactiveEnterTimestampMonotonic"));
        assertTrue(activeExit > 0 && inactiveEnter > 0, "systemd kept the record of this stop: " + state);
        Duration stopping = Duration.ofNanos(1000 * (inactiveEnter - activeExit));
        Log.info("stop took " + Log.seconds(stopping) + " by systemd's clock");
        assertTrue(stopping.compareTo(TIMEOUT_STOP) < 0,
                "stop took " + Log.seconds(stopping) + ", not within TimeoutStopSec=" + TIMEOUT_STOP.toSeconds());
    }

    @Test
    void restartsAfterKill9WithANewMainPid(Vm vm) throws Exception {
        vm.runOk("systemctl", "start", UNIT);
        Map<String, String> before = vm.show(UNIT, "MainPID", "NRestarts");
        assertEquals("0", before.get("NRestarts"), before.toString());
        String firstPid = before.get("MainPID");

        vm.runOk("kill", "-9", firstPid);

        Map<String, String> after = vm.await("Restart=always to bring " + UNIT + " back with a new MainPID",
                PATIENCE,
                () -> vm.show(UNIT, "ActiveState", "MainPID", "NRestarts"),
                s -> s.get("ActiveState").equals("active")
                        && !s.get("MainPID").equals("0") && !s.get("MainPID").equals(firstPid));
        assertEquals("1", after.get("NRestarts"), after.toString());
        assertNotEquals(firstPid, after.get("MainPID"));
    }

    /**
     * What the ladder's step 6 says of a machine with swap (Debian's installer makes some; the test VM has it):
     * under {@code MemoryMax=8M} alone the kernel pages the JVM out and it goes on ticking, swapped; with
     * {@code MemorySwapMax=0} it is killed ({@code Result=oom-kill}).
     */
    @Test
    void withSwapMemoryMaxAloneLetsTheJvmRunSwappedWhereMemorySwapMaxZeroGetsItKilled(Vm vm) throws Exception {
        assertFalse(vm.runOk("swapon", "--show", "--noheadings").stdout().isBlank(), "the guest has swap");
        String java = "/usr/bin/java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + JAR;
        try {
            vm.shOk("systemd-run -u swap-allowed -p MemoryMax=8M -E INTERVAL=2 -E LOGFILE=/run/swap-allowed.log "
                    + java + " && systemd-run -u swap-forbidden -p MemoryMax=8M -p MemorySwapMax=0 -E INTERVAL=2"
                    + " -E LOGFILE=/run/swap-forbidden.log " + java);
            vm.await("the kernel to kill the JVM under MemoryMax=8M and MemorySwapMax=0", PATIENCE,
                    () -> vm.property("swap-forbidden.service", "Result"), "oom-kill"::equals);
            vm.await("the JVM under MemoryMax=8M alone to tick", PATIENCE,
                    () -> vm.journal("swap-allowed.service"), journal -> journal.contains("[tick]"));
            assertEquals(Map.of("ActiveState", "active", "Result", "success"),
                    vm.show("swap-allowed.service", "ActiveState", "Result"));
            long swapped = Long.parseLong(vm.runOk("cat",
                    "/sys/fs/cgroup/system.slice/swap-allowed.service/memory.swap.current").stdout().strip());
            assertTrue(swapped > 1024 * 1024, "the JVM under MemoryMax=8M alone has pages in swap: " + swapped + " bytes");
        } finally {
            vm.run("sh", "-c", "systemctl stop swap-allowed swap-forbidden; systemctl reset-failed swap-allowed"
                    + " swap-forbidden; rm -f /run/swap-allowed.log /run/swap-forbidden.log");
        }
    }

    @Test
    void wrongExecStartPathFailsWith203Exec(Vm vm) throws Exception {
        vm.write("/etc/systemd/system/" + UNIT + ".d/broken.conf", BROKEN_EXEC_START);
        vm.runOk("systemctl", "daemon-reload");

        Result start = vm.run("systemctl", "start", UNIT);

        assertNotEquals(0, start.exitCode(), "systemctl start of a broken unit fails:\n" + start.describe());
        Map<String, String> state = vm.show(UNIT, "ActiveState", "Result", "ExecMainCode", "ExecMainStatus");
        assertEquals(Map.of("ActiveState", "failed", "Result", "exit-code", "ExecMainCode", "1",
                "ExecMainStatus", "203"), state);
        vm.await("systemd's 203/EXEC line in journalctl -u " + UNIT, PATIENCE,
                () -> vm.journal(UNIT), journal -> journal.contains("status=203/EXEC"));
    }
}
