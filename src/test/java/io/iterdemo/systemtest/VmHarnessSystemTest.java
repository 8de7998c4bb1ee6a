package io.iterdemo.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The premise every system test stands on (the run's release: systemd 252 is PID 1 of a Debian 12 guest,
 * or systemd 257 of a Debian 13 one, with cgroup v2), and the harness's own promises: exit codes and outputs come back intact,
 * files arrive with their mode, and waits fail with a message that says what was awaited.
 */
@SystemdTest
class VmHarnessSystemTest {

    @Test
    void guestRunsTheReleasesSystemdAsPid1WithCgroupV2(Vm vm) throws Exception {
        DebianRelease release = DebianRelease.ofRun();
        String version = vm.runOk("systemctl", "--version").stdout();
        assertTrue(version.startsWith("systemd " + release.systemd() + " "), version);
        assertEquals("systemd", vm.runOk("ps", "-p", "1", "-o", "comm=").stdout().trim());
        String debian = vm.runOk("cat", "/etc/debian_version").stdout();
        assertTrue(debian.startsWith(release.number() + "."), debian);
        assertEquals("cgroup2fs", vm.runOk("stat", "-f", "-c", "%T", "/sys/fs/cgroup").stdout().trim());
    }

    @Test
    void guestIsAMinimalInstallWithSwapAndAnAptRepository(Vm vm) throws Exception {
        // What an installer sets up: swap, which changes what MemoryMax= alone does (the lessons' memory steps).
        assertEquals("/dev/vdb partition", vm.runOk("swapon", "--show=NAME,TYPE", "--noheadings").stdout().trim()
                .replaceAll("\\s+", " "));
        // What the lessons install is not there until their setup's apt installs it, from the VM's repository.
        for (String command : List.of("java", "curl", "python3")) {
            assertFalse(vm.run("sh", "-c", "command -v " + command).ok(), command + " is in the image");
        }
        vm.aptGet("update");
        Result policy = vm.runOk("apt-cache", "policy", "default-jre-headless", "curl");
        assertTrue(policy.stdout().contains("file:/mnt/debian ./ Packages"), policy.stdout());
        assertFalse(policy.stdout().contains("Candidate: (none)"), policy.stdout());
        // The release's own Java is what the lessons and the package get.
        String jre = vm.runOk("apt-cache", "depends", "default-jre-headless").stdout();
        assertTrue(jre.contains("openjdk-" + DebianRelease.ofRun().java() + "-jre-headless"), jre);
    }

    @Test
    void runReturnsExitCodeAndBothOutputs(Vm vm) throws Exception {
        Result result = vm.sh("echo out; echo err >&2; exit 3");
        assertEquals(new Result(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), 3, "out\n", "err\n"), result);

        AssertionError failure = assertThrows(AssertionError.class, () -> vm.shOk("echo why >&2; false"));
        assertTrue(failure.getMessage().contains("exit code: 1") && failure.getMessage().contains("why"),
                failure.getMessage());
    }

    @Test
    void commandsThatOutliveTheirTimeoutAreKilledInTheGuest(Vm vm) throws Exception {
        assertEquals(124, vm.run(Duration.ofSeconds(1), List.of("sleep", "60")).exitCode());
    }

    @Test
    void copyAndWriteDeliverContentWithMode(Vm vm, @TempDir Path dir) throws Exception {
        Path host = Files.write(dir.resolve("tool.sh"), "#!/bin/sh\necho copied \"$1\"\n".getBytes());
        vm.copy(host, "/opt/harness/bin/tool.sh", "0750");
        assertEquals("copied ok\n", vm.runOk("/opt/harness/bin/tool.sh", "ok").stdout());
        assertEquals("750 root\n", vm.runOk("stat", "-c", "%a %U", "/opt/harness/bin/tool.sh").stdout());

        vm.write("/etc/harness/note.txt", "ünïcode line\nsecond line\n");
        assertEquals("ünïcode line\nsecond line\n", vm.runOk("cat", "/etc/harness/note.txt").stdout());
        assertEquals("644\n", vm.runOk("stat", "-c", "%a", "/etc/harness/note.txt").stdout());
    }

    @Test
    void showParsesUnitProperties(Vm vm) throws Exception {
        Map<String, String> dbus = vm.show("dbus.service", "ActiveState", "SubState", "Type");
        assertEquals(Map.of("ActiveState", "active", "SubState", "running", "Type", "notify"), dbus);
    }

    @Test
    void awaitFailsWithWhatItAwaitedAndTheLastValue(Vm vm) {
        AssertionError failure = assertThrows(AssertionError.class, () -> vm.await(
                "no-such.service to become active", Duration.ofSeconds(2),
                () -> vm.property("no-such.service", "ActiveState"), "active"::equals));
        assertTrue(failure.getMessage().contains("no-such.service to become active"), failure.getMessage());
        assertTrue(failure.getMessage().contains("last observed: inactive"), failure.getMessage());
    }
}
