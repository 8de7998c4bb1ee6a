package io.iterdemo.systemtest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The QEMU process of one VM, started through systemtest/run-vm.sh.
 *
 * <p>run-vm.sh runs in lifeline mode: it stops QEMU when its standard input closes. This
 * JVM holds the write end of that pipe, so QEMU dies with the JVM even when the JVM is
 * killed with SIGKILL and no shutdown hook can run.
 */
final class QemuProcess {
    private final Process process;
    private final OutputStream lifeline;
    private final Path outputLog;

    private QemuProcess(Process process, Path outputLog) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.outputLog = outputLog;
    }

    /**
     * Boots {@code image} on a fresh overlay in {@code runDir}, sharing {@code shareDir} read-only; the overlay
     * stacks on {@code disk.layer()} when there is one, and is kept as {@code disk.keepAs()} after a clean
     * power-off when that is set (run-vm.sh's {@code --disk} and {@code --keep-disk}).
     */
    static QemuProcess start(Path projectDir, Path image, Path runDir, Path shareDir, Disk disk) throws IOException {
        Path outputLog = runDir.resolve("run-vm.log");
        List<String> command = new ArrayList<>(List.of(
                "bash", projectDir.resolve("systemtest/run-vm.sh").toString(),
                "--lifeline",
                "--console-log", consoleLog(runDir).toString(),
                "--share", shareDir.toString()));
        if (disk.layer() != null) {
            command.addAll(List.of("--disk", disk.layer().toString()));
        }
        if (disk.keepAs() != null) {
            command.addAll(List.of("--keep-disk", disk.keepAs().toString()));
        }
        command.addAll(List.of(image.toString(), runDir.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputLog.toFile())
                .start();
        return new QemuProcess(process, outputLog);
    }

    /**
     * What the guest's root disk starts from and what becomes of it: {@code layer}, a qcow2 kept by an earlier
     * VM, or null for the bare image; {@code keepAs}, where to keep this VM's disk after a clean power-off, or
     * null to throw it away.
     */
    record Disk(Path layer, Path keepAs) {
        static final Disk BARE = new Disk(null, null);
    }

    /** QEMU's exit status, once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    static Path consoleLog(Path runDir) {
        return runDir.resolve("console.log");
    }

    Path outputLog() {
        return outputLog;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops QEMU now: cuts the lifeline, then kills what is left, by process id. */
    void kill() {
        try {
            lifeline.close();
        } catch (IOException e) {
            // Already closed: the kill below still applies.
        }
        try {
            if (awaitExit(Duration.ofSeconds(10))) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The descendants are collected before their parent goes, or QEMU would be orphaned.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
