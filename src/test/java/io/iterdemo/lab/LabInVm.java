package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.lab.Ladder.Course;
import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.systemtest.Result;
import io.iterdemo.systemtest.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lab as a student or a trainer uses it in the test VM: the Debian package installed with apt, then the
 * packaged {@code iterdemo lab} verbs, run as commands in the guest; and what the machine looked like before
 * the lab, to prove that {@code iterdemo lab reset} puts it back.
 */
final class LabInVm {
    /** Where the package puts the lab directory: the lessons' commands run there. */
    static final String LAB = "/usr/share/iterdemo/lab";
    /** A whole step in an emulated VM: several JVM starts of tens of seconds each. */
    private static final Duration STEP = Duration.ofMinutes(25);
    /** check and next wait this long for a JVM to start in an emulated VM. */
    static final String WAIT = "--wait 240";

    private LabInVm() {
    }

    /**
     * Waits for the package's own iterdemo.service, which starts at boot on a VM booted with the package
     * installed ({@code @SystemdTest(packageInstalled = true)}): the state before the lab is that service running.
     */
    static void packagedServiceRuns(Vm vm) throws Exception {
        vm.await("the package's iterdemo.service to be active", Duration.ofMinutes(4),
                () -> vm.property("iterdemo.service", "ActiveState"), "active"::equals);
    }

    /** {@code iterdemo lab ARGS} in the guest, as root, from root's home (as after {@code sudo -i}). */
    static Result lab(Vm vm, String args) throws IOException, InterruptedException {
        return vm.run(STEP, List.of("/bin/sh", "-c", "cd /root && iterdemo lab " + args + " 2>&1"));
    }

    /** {@code iterdemo lab ARGS} must exit 0; the failure shows everything it printed. */
    static Result labOk(Vm vm, String args) throws IOException, InterruptedException {
        Result result = lab(vm, args);
        assertEquals(0, result.exitCode(), "iterdemo lab " + args + "\n" + result.stdout());
        return result;
    }

    /** {@code iterdemo lab run WORDS}: the whole step, commands and checks, must pass. */
    static void run(Vm vm, String words) throws IOException, InterruptedException {
        labOk(vm, "run " + words);
    }

    /** The shipped course {@code id}, as the test reads the data too (the commands a student types). */
    static Loaded course(String id) {
        return Ladder.course(Ladder.projectDir(), id);
    }

    /** The steps of {@code course} that need a newer systemd than {@code systemd} ({@code since:}): the lab skips them. */
    static List<Ladder.Step> newerSteps(Loaded course, int systemd) {
        return course.steps().stream().filter(step -> !step.runsOn(systemd)).toList();
    }

    /**
     * What a course may leave behind anywhere on the machine, whether its data names it or not: unit files and
     * drop-ins (persistent, runtime, {@code set-property}'s control directories, transient units); failed units
     * that are not the distribution's own (the image's timers, apt-daily and others, may run and fail at any
     * time); users; groups; the names two levels down the trees where services and lessons write, and one level
     * down {@code /var/lib} and {@code /var/cache} (deeper, those timers write too, and systemd keeps for good the
     * host key it makes on a first credential, {@code /var/lib/systemd/credential.secret}). Left out: the package's
     * running service's private {@code /tmp} directories (renamed at each restart), shadow's backup copies
     * ({@code /etc/passwd-}, ...), which useradd and userdel rewrite, and paths a Debian package owns: the
     * setups install Java and curl, which {@code lab reset} keeps, as prerequisites (docs/lab.md).
     */
    static final String MACHINE_WIDE = String.join("\n",
            "find /etc/systemd/system /etc/systemd/system.control /run/systemd/system /run/systemd/system.control"
                    + " /run/systemd/transient -mindepth 1 -printf 'unit file %p %l\\n' 2>/dev/null | sort",
            "systemctl list-units --all --state=failed --plain --no-legend --no-pager | while read -r unit rest; do"
                    + " path=$(systemctl show -p FragmentPath --value \"$unit\");"
                    + " case \"$path\" in /lib/*|/usr/lib/*) ;; *) echo \"failed unit $unit $path\" ;; esac; done",
            "getent passwd | cut -d: -f1 | sort | sed 's/^/user /'",
            "getent group | cut -d: -f1 | sort | sed 's/^/group /'",
            "owned=$(mktemp) && cat /var/lib/dpkg/info/*.list > \"$owned\" &&"
                    + " { find /etc /opt /srv /usr/local /var/log /var/tmp -xdev -mindepth 1 -maxdepth 2"
                    + " \\( -name 'systemd-private-*' -o -regex '/etc/[a-z]*-' \\) -prune -o -printf '%p\\n';"
                    + " find /var/lib /var/cache -xdev -mindepth 1 -maxdepth 1 -printf '%p\\n'; }"
                    + " | grep -vxF -f \"$owned\" | sort | sed 's/^/path /'; rm -f \"$owned\"");

    /**
     * What the course touches, as it stands: for each path, whether it exists and its owner, group, mode and
     * link target (recursively; not sizes: the package's own service appends to its log before and after the
     * lab); each user's passwd line; each unit's enablement and activity; then {@link #MACHINE_WIDE}. One guest
     * command for all of it: a command costs about a quarter of a second under emulation, and a course touches
     * some thirty paths, so per-path commands made each fingerprint take ten seconds or more.
     */
    static List<String> fingerprint(Vm vm, String courseId) throws IOException, InterruptedException {
        Course course = course(courseId).course();
        Machine.Outcome found = new VmMachine(vm, "/").sh(fingerprintScript(course), Duration.ofMinutes(2));
        List<String> lines = found.stdout().lines().toList();
        // Two empty fingerprints would compare equal: each path, user and unit must have its line.
        for (String path : course.touches().paths()) {
            assertTrue(lines.contains(path + " absent") || lines.stream().anyMatch(line -> line.startsWith(path + " ")),
                    "the fingerprint has no line for " + path + ":\n" + found.describe("(fingerprint)"));
        }
        for (String name : Stream.concat(course.touches().users().stream().map(user -> "user " + user + ": "),
                course.touches().units().stream().map(unit -> "unit " + unit + ": ")).toList()) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(name)),
                    "the fingerprint has no line for " + name + "\n" + found.describe("(fingerprint)"));
        }
        return lines;
    }

    /** The shell script behind {@link #fingerprint}: one block of lines per path, user and unit, in the data's order. */
    static String fingerprintScript(Course course) {
        List<String> script = new ArrayList<>();
        for (String path : course.touches().paths()) {
            String q = Texts.shellQuote(path);
            script.add("if [ -e " + q + " ] || [ -L " + q + " ]; then find " + q
                    + " -printf '%p %u %g %m %l\\n' 2>/dev/null | sort; else echo " + q + " absent; fi");
        }
        for (String user : course.touches().users()) {
            String q = Texts.shellQuote(user);
            script.add("printf 'user %s: %s\\n' " + q + " \"$(getent passwd " + q + ")\"");
        }
        for (String unit : course.touches().units()) {
            String q = Texts.shellQuote(unit);
            // "enabled active", or "inactive" alone when systemctl is-enabled knows no such unit file.
            script.add("printf 'unit %s: %s\\n' " + q + " \"$({ systemctl is-enabled " + q + "; systemctl is-active " + q
                    + "; } 2>/dev/null | tr '\\n' ' ' | sed 's/ *$//')\"");
        }
        script.add(MACHINE_WIDE);
        return String.join("\n", script);
    }

    /** {@code iterdemo lab reset} puts back exactly what {@link #fingerprint} saw before the course. */
    static void resetPutsTheMachineBack(Vm vm, String courseId, List<String> before) throws IOException, InterruptedException {
        Result reset = labOk(vm, "reset " + courseId);
        assertTrue(reset.stdout().contains("removes: "), "reset says what it removes:\n" + reset.stdout());
        assertTrue(reset.stdout().contains("keeps the packages the setup installed: default-jre-headless, curl"),
                "reset says which packages it keeps:\n" + reset.stdout());
        // A unit put back to active is a JVM starting: give it the time an emulated VM needs.
        try {
            vm.await("after iterdemo lab reset " + courseId + ", the machine as before the course", Duration.ofMinutes(4),
                    () -> fingerprint(vm, courseId), before::equals);
        } catch (AssertionError e) {
            throw new AssertionError("after iterdemo lab reset " + courseId + ", the machine differs from before the"
                    + " course:\n" + difference(before, fingerprint(vm, courseId)), e);
        }
    }

    /** The lines only {@code before} holds ({@code -}), then those only {@code after} holds ({@code +}). */
    static String difference(List<String> before, List<String> after) {
        List<String> lines = new ArrayList<>();
        before.stream().filter(line -> !after.contains(line)).forEach(line -> lines.add("- " + line));
        after.stream().filter(line -> !before.contains(line)).forEach(line -> lines.add("+ " + line));
        return lines.isEmpty() ? "(the same lines, in another order)" : String.join("\n", lines);
    }
}
