package io.iterdemo.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A throwaway Debian VM, 12 with systemd 252 or 13 with systemd 257 as PID 1 ({@link DebianRelease}), booted by
 * QEMU from the cached image on a fresh overlay. Commands run in the guest through the QEMU guest agent; files come
 * in through a read-only host directory shared at /mnt/host. There is no network device.
 *
 * <pre>{@code
 * try (Vm vm = Vm.boot()) {
 *     vm.runOk("systemctl", "start", "iterdemo");
 *     Map<String, String> state = vm.show("iterdemo", "ActiveState", "Result");
 * }
 * }</pre>
 */
public final class Vm implements AutoCloseable {
    /** Emulated (TCG) guests are slow: timeouts are generous, and waits poll instead of sleeping. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    /**
     * An install that pulls Java in runs certificate-store scripts that fork a process per certificate: about
     * 3 minutes in a VM alone, and over 10 measured with two other VMs on the same two cores.
     */
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(25);
    static final Duration BOOT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POWER_OFF_TIMEOUT = Duration.ofSeconds(30);
    /** Extra host-side wait beyond a command's own timeout, for `timeout --kill-after` to act. */
    private static final Duration HOST_MARGIN = Duration.ofSeconds(30);
    private static final String GUEST_SHARE = "/mnt/host";
    /** qemu-ga starts commands with exactly this environment; LANG keeps tools' output in UTF-8. */
    private static final List<String> GUEST_ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/root",
            "LANG=C.UTF-8",
            "SYSTEMD_PAGER=cat",
            "SYSTEMD_COLORS=0");

    private final Path runDir;
    private final Path shareDir;
    private final QemuProcess qemu;
    private final Thread killOnExit;
    private final AtomicInteger staged = new AtomicInteger();
    private GuestAgent agent;
    private boolean closed;

    private Vm(Path runDir, Path shareDir, QemuProcess qemu) {
        this.runDir = runDir;
        this.shareDir = shareDir;
        this.qemu = qemu;
        // Ctrl-C or an aborted test run: no QEMU may outlive this JVM.
        this.killOnExit = new Thread(this::destroy, "vm-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Builds or reuses the image, boots it, and returns once systemd reports the boot finished. */
    public static Vm boot() throws Exception {
        return boot(Image.ensure(projectDir()), QemuProcess.Disk.BARE);
    }

    /**
     * Like {@link #boot()}, on a disk where {@code deb} is already installed as {@code apt-get install} left it
     * ({@link PackageLayer}: made by the first VM of the run that asks for it, then shared).
     */
    public static Vm bootWithPackage(Path deb) throws Exception {
        Path image = Image.ensure(projectDir());
        return boot(image, new QemuProcess.Disk(PackageLayer.ensure(image, deb), null));
    }

    static Vm boot(Path image, QemuProcess.Disk disk) throws Exception {
        Path projectDir = projectDir();
        long started = System.nanoTime();
        Path runDir = Files.createTempDirectory("iterdemo-vm");
        Path shareDir = Files.createDirectory(runDir.resolve("share"));
        QemuProcess qemu;
        try {
            qemu = QemuProcess.start(projectDir, image, runDir, shareDir, disk);
        } catch (IOException e) {
            deleteRecursively(runDir);
            throw e;
        }
        Vm vm = new Vm(runDir, shareDir, qemu);
        try {
            vm.agent = GuestAgent.connect(runDir.resolve("qga.sock"), BOOT_TIMEOUT, vm.qemu::isAlive);
            Log.info("guest agent answered " + since(started) + " after QEMU started");
            vm.awaitBootFinished();
            Log.info("boot took " + since(started));
            return vm;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String details = vm.hostSideDiagnostics();
            vm.close();
            throw new IOException("VM boot failed: " + e.getMessage() + "\n" + details, e);
        }
    }

    /** Runs {@code argv} in the guest (no shell) with the default timeout. */
    public Result run(String... argv) throws IOException, InterruptedException {
        return run(COMMAND_TIMEOUT, List.of(argv));
    }

    /** Runs {@code argv}; the guest kills it after {@code timeout} (exit code 124 or 137 then). */
    public Result run(Duration timeout, List<String> argv) throws IOException, InterruptedException {
        // Whole seconds, at least one: `timeout 0s` would mean no limit at all.
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> limited = new ArrayList<>(List.of("timeout", "--kill-after=5", seconds + "s"));
        limited.addAll(argv);
        long started = System.nanoTime();
        Result raw = agent.exec(limited, GUEST_ENV, timeout.plus(HOST_MARGIN));
        Result result = new Result(argv, raw.exitCode(), raw.stdout(), raw.stderr());
        Log.info(String.format("%s  exit %d  %s", since(started), result.exitCode(), abbreviate(argv)));
        return result;
    }

    /** Runs a shell command line with /bin/sh -c. */
    public Result sh(String script) throws IOException, InterruptedException {
        return run("/bin/sh", "-c", script);
    }

    /** Like {@link #run(String...)}, but fails with the command, exit code and output unless it exits 0. */
    public Result runOk(String... argv) throws IOException, InterruptedException {
        return requireOk(run(argv));
    }

    /** Like {@link #sh(String)}, but fails unless the command exits 0. */
    public Result shOk(String script) throws IOException, InterruptedException {
        return requireOk(sh(script));
    }

    /** Like {@link #shOk(String)}, with the guest killing the command after {@code timeout}. */
    public Result shOk(Duration timeout, String script) throws IOException, InterruptedException {
        return requireOk(run(timeout, List.of("/bin/sh", "-c", script)));
    }

    /**
     * {@code apt-get ARGS} from the VM's Debian repository, non-interactive, output on stdout; fails unless it
     * exits 0. Ten minutes: installing a JRE runs its triggers (certificates, class data archives) in an
     * emulated CPU shared with another VM.
     */
    public Result aptGet(String args) throws IOException, InterruptedException {
        return shOk(APT_TIMEOUT, "DEBIAN_FRONTEND=noninteractive apt-get -q " + args + " 2>&1");
    }

    /** Copies a host file to {@code guestPath} (parent directories created) with octal {@code mode}. */
    public void copy(Path hostFile, String guestPath, String mode) throws IOException, InterruptedException {
        String name = staged.incrementAndGet() + "-" + hostFile.getFileName();
        Path stagedFile = shareDir.resolve(name);
        Files.copy(hostFile, stagedFile);
        try {
            runOk("install", "-D", "-m", mode, GUEST_SHARE + "/" + name, guestPath);
        } finally {
            Files.delete(stagedFile);
        }
    }

    /** Writes {@code content} (UTF-8) to {@code guestPath} with mode 0644. */
    public void write(String guestPath, String content) throws IOException, InterruptedException {
        write(guestPath, content, "0644");
    }

    public void write(String guestPath, String content, String mode) throws IOException, InterruptedException {
        Path temp = Files.createTempFile(runDir, "content", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            copy(temp, guestPath, mode);
        } finally {
            Files.delete(temp);
        }
    }

    /** Unit properties from {@code systemctl show -p}, in the order asked for. */
    public Map<String, String> show(String unit, String... properties) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("systemctl", "show"));
        for (String property : properties) {
            argv.add("--property=" + property);
        }
        argv.add(unit);
        Result result = requireOk(run(COMMAND_TIMEOUT, argv));
        Map<String, String> values = new LinkedHashMap<>();
        for (String property : properties) {
            values.put(property, null);
        }
        result.stdout().lines().filter(line -> line.contains("=")).forEach(line -> {
            int eq = line.indexOf('=');
            values.put(line.substring(0, eq), line.substring(eq + 1));
        });
        return values;
    }

    /** One unit property, e.g. {@code property("iterdemo", "MainPID")}. */
    public String property(String unit, String property) throws IOException, InterruptedException {
        return show(unit, property).get(property);
    }

    /** See {@link Await#until(String, Duration, Callable, Predicate)}. */
    public <T> T await(String description, Duration timeout, Callable<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        return Await.until(description, timeout, probe, done);
    }

    /** See {@link Await#until(String, Duration, Callable)}. */
    public void await(String description, Duration timeout, Callable<Boolean> condition) throws InterruptedException {
        Await.until(description, timeout, condition);
    }

    /** Everything the journal holds for {@code unit} since boot. */
    public String journal(String unit) throws IOException, InterruptedException {
        return runOk("journalctl", "--no-pager", "-o", "short-precise", "-u", unit).stdout();
    }

    /** What the unit's current (or last) run logged: its processes' output only, not systemd's lines. */
    public String journalOfInvocation(String unit) throws IOException, InterruptedException {
        String invocation = property(unit, "InvocationID");
        if (invocation == null || invocation.isEmpty()) {
            return "";
        }
        return runOk("journalctl", "--no-pager", "-o", "short-precise", "_SYSTEMD_INVOCATION_ID=" + invocation)
                .stdout();
    }

    /**
     * The guest's side of a failure: status of {@code units}, failed units and the tail of
     * the boot's journal. Never throws: what cannot be collected is reported inline.
     */
    public String diagnostics(List<String> units) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        if (!units.isEmpty()) {
            List<String> status = new ArrayList<>(List.of("systemctl", "status", "--no-pager", "--full", "--lines=50"));
            status.addAll(units);
            sections.put(String.join(" ", status), status);
        }
        sections.put("systemctl list-units --failed", List.of("systemctl", "list-units", "--failed", "--no-pager"));
        // The guest agent logs a line per command and per poll: without them, the 400 lines reach back to
        // what the test did.
        sections.put("journalctl -b (last 400 lines but the guest agent's)",
                List.of("sh", "-c", "journalctl -b --no-pager -o short-precise | grep -v ' qemu-ga\\[' | tail -n 400"));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            text.append("\n===== guest: ").append(section.getKey()).append(" =====\n");
            try {
                Result result = run(Duration.ofSeconds(30), section.getValue());
                text.append(result.stdout()).append(result.stderr());
            } catch (IOException | RuntimeException e) {
                // The guest does not answer: one look from the host instead of a timeout per section.
                return text.append("(could not collect: ").append(e).append(")\n")
                        .append(hostSideDiagnostics()).toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return text.append("(interrupted)\n").toString();
            }
        }
        return text.toString();
    }

    /**
     * Powers the guest off and waits for QEMU to exit by itself: what keeps the disk (run-vm.sh's
     * {@code --keep-disk}). Returns whether QEMU exited cleanly within {@code timeout}; the VM is closed either way.
     */
    boolean powerOffKeepingDisk(Duration timeout) throws IOException, InterruptedException {
        try {
            agent.powerOff();
            return qemu.awaitExit(timeout) && qemu.exitValue() == 0;
        } finally {
            close();
        }
    }

    /** Powers the guest off (bounded wait), then makes sure QEMU is gone and the overlay deleted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            if (agent != null && qemu.isAlive()) {
                agent.powerOff();
                if (!qemu.awaitExit(POWER_OFF_TIMEOUT)) {
                    Log.info("guest did not power off within " + Log.seconds(POWER_OFF_TIMEOUT) + "; killing QEMU");
                }
            }
        } catch (IOException e) {
            Log.info("guest power-off request failed (" + e.getMessage() + "); killing QEMU");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs destroy() again, harmlessly.
            }
            Log.info("shutdown took " + since(started));
        }
    }

    private void destroy() {
        qemu.kill();
        if (agent != null) {
            agent.close();
        }
        deleteRecursively(runDir);
    }

    private void awaitBootFinished() throws IOException, InterruptedException {
        Result result = run(BOOT_TIMEOUT, List.of("systemctl", "is-system-running", "--wait"));
        String state = result.stdout().trim();
        if (state.equals("degraded")) {
            // Not fatal: a test about one unit can still run. Say which units failed, though.
            Log.info("system is degraded:\n" + run("systemctl", "list-units", "--failed", "--no-pager").stdout());
        } else if (!state.equals("running")) {
            throw new IOException("boot did not finish: systemctl is-system-running says '" + state + "'\n"
                    + result.describe());
        }
    }

    /** What the host saw: the tail of the serial console and QEMU's own messages. */
    private String hostSideDiagnostics() {
        return "--- serial console (last 80 lines) ---\n" + tail(QemuProcess.consoleLog(runDir), 80)
                + "--- run-vm.sh and QEMU output ---\n" + tail(qemu.outputLog(), 40);
    }

    private static Result requireOk(Result result) {
        if (!result.ok()) {
            throw new AssertionError("guest command failed\n" + result.describe());
        }
        return result;
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("iterdemo.basedir", System.getProperty("user.dir")));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            StringBuilder text = new StringBuilder();
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> text.append(l).append('\n'));
            return text.toString();
        } catch (IOException e) {
            return "(" + file + " not readable: " + e.getMessage() + ")\n";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            Log.info("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static String abbreviate(List<String> argv) {
        String line = String.join(" ", argv).replace('\n', ' ');
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    private static String since(long startedNanos) {
        return Log.seconds(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
