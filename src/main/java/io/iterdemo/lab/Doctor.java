package io.iterdemo.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the lab needs and whether this machine has it: systemd as PID 1 and its version, root, a Java
 * runtime at {@code /usr/bin/java} (the lessons' units run it), cgroup v2 (every resource step), the
 * journal's storage and free space (journald scales step 8's rate-limit burst by it), the lab directory
 * (the lessons' unit files), curl (the http steps). Each missing need names the command that provides it.
 */
final class Doctor {
    /** One need: whether it is met, what was found, and the command that meets it. */
    record Need(String name, boolean met, String found, String remedy) {
    }

    static final String LAB_DIRECTORY = "lab directory";

    private Doctor() {
    }

    /** The needs, in order: systemd as PID 1 first, root second (the verbs' refusals follow that order). */
    static List<Need> examine(Path labDirectory) {
        List<Need> needs = new ArrayList<>();
        boolean booted = Host.systemdBooted();
        String pid1 = read("/proc/1/comm").orElse("?").strip();
        Optional<Integer> version = Host.systemdVersion();
        needs.add(new Need("systemd as PID 1", booted && pid1.equals("systemd"),
                booted ? "systemd " + version.map(String::valueOf).orElse("(version unknown)") + ", PID 1 is " + pid1
                        : "PID 1 is " + pid1 + ", no /run/systemd/system",
                "boot a machine or VM with systemd (WSL: systemd=true under [boot] in /etc/wsl.conf; a container: run systemd as its init)"));
        boolean root = Host.root();
        needs.add(new Need("root", root, root ? "running as root" : "not root", "sudo -i, then run the lab again"));
        Path java = Path.of("/usr/bin/java");
        boolean hasJava = Files.isExecutable(java);
        needs.add(new Need("Java runtime", hasJava,
                hasJava ? Host.firstLine("/usr/bin/java", "-version").orElse("/usr/bin/java") : "no /usr/bin/java",
                "apt install default-jre-headless"));
        boolean cgroup2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        needs.add(new Need("cgroup v2", cgroup2, cgroup2 ? "unified hierarchy at /sys/fs/cgroup" : "no cgroup v2 at /sys/fs/cgroup",
                "boot with systemd.unified_cgroup_hierarchy=1 on the kernel command line"));
        Path persistent = Path.of("/var/log/journal");
        Path journalDir = Files.isDirectory(persistent) ? persistent : Path.of("/run/log/journal");
        String storage = journalDir == persistent ? "persistent (/var/log/journal)" : "volatile (/run/log/journal, lost at reboot)";
        long free = freeBytes(journalDir);
        needs.add(new Need("journal", free >= 64L << 20, storage + ", " + (free >> 20) + " MiB free",
                "free some space on the journal's file system: journalctl --vacuum-size=100M"));
        boolean labDir = Files.isDirectory(labDirectory);
        needs.add(new Need(LAB_DIRECTORY, labDir, labDir ? labDirectory.toString() : "no " + labDirectory, LabDirectory.REMEDY));
        boolean curl = Files.isExecutable(Path.of("/usr/bin/curl"));
        needs.add(new Need("curl", curl, curl ? "/usr/bin/curl" : "no /usr/bin/curl", "apt install curl"));
        return needs;
    }

    private static long freeBytes(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? 0 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
