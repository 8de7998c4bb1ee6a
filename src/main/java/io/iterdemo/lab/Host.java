package io.iterdemo.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts about the machine the lab runs on that decide what it may do. */
final class Host {
    private static final Pattern SYSTEMD_VERSION = Pattern.compile("^systemd (\\d+)");

    private Host() {
    }

    /**
     * Whether systemd manages this machine: {@code /run/systemd/system} exists, the test of sd_booted(3).
     * False in a container without systemd, in WSL without systemd, in a chroot.
     */
    static boolean systemdBooted() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    /** Whether this process runs as root (effective uid 0, from {@code /proc/self/status}). */
    static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).strip().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** systemd's version number as {@code systemctl --version} prints it (252, 257), when systemctl answers. */
    static Optional<Integer> systemdVersion() {
        return firstLine("systemctl", "--version").flatMap(Host::systemdVersion);
    }

    /** The version number in what {@code systemctl --version} printed ("systemd 257 (257.13-1~deb13u1)"). */
    static Optional<Integer> systemdVersion(String versionOutput) {
        Matcher m = SYSTEMD_VERSION.matcher(versionOutput);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The first line a command prints (stdout and stderr together), or empty when it cannot run. */
    static Optional<String> firstLine(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return out.lines().findFirst().map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
