package io.iterdemo.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run's image with a .deb installed by apt, kept beside the image as a qcow2 layer
 * ({@code package-<sha256 of the apt command and the .deb>.qcow2}) that later VMs boot on (run-vm.sh's {@code --disk}). The lab's
 * classes start from the installed package; installing it once per run and release instead of once per class
 * saves the 3-10 minutes of each install under emulation (docs/system-tests.md). The install itself (and the
 * upgrade, remove and purge) stays proven on the bare image by {@code DebianPackageSystemTest}.
 *
 * <p>Forks that ask at the same time wait on a file lock beside the image: the first builds, the others reuse.
 */
public final class PackageLayer {
    /** A guest's clean power-off after the install: its journal and page cache written out. */
    private static final Duration POWER_OFF = Duration.ofMinutes(3);
    /** Another project checkout may still boot on an older layer; one older than this no run is still using. */
    private static final Duration STALE = Duration.ofHours(6);

    /** What apt installs in the layer; part of the layer's name, so that a layer made another way is not reused. */
    private static final String INSTALL = "install -y /root/iterdemo_all.deb curl";

    private PackageLayer() {
    }

    /** The layer with {@code deb} installed over {@code image}: reused when it exists, else built now. */
    static Path ensure(Path image, Path deb) throws Exception {
        String name = "package-" + sha256(deb, INSTALL).substring(0, 16) + ".qcow2";
        Path layer = image.resolve(name);
        try (FileChannel channel = FileChannel.open(image.resolve("package-layer.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (Files.isRegularFile(layer)) {
                Log.info("package layer reused: " + layer);
                return layer;
            }
            Path part = image.resolve(name + ".part");
            Files.deleteIfExists(part);
            Log.timed("package layer " + name + " (apt-get install in a VM of its own)", () -> {
                build(image, deb, part);
                return null;
            });
            Files.move(part, layer, StandardCopyOption.ATOMIC_MOVE);
            removeStaleLayers(image, layer);
        }
        return layer;
    }

    /**
     * Installs {@code deb} as the README tells a student on a fresh machine: package lists first, then the .deb
     * with apt, Java coming with it; returns once the package's own iterdemo.service is active. curl comes in the
     * same apt command: both courses' setups install it ({@code apt install -y default-jre-headless curl}), so a
     * student has it from the first setup on, and a setup that finds it says so and changes nothing. Installing
     * it in each lab VM took 22 s in a VM alone, a dozen times a run (docs/system-tests.md);
     * {@code DebianPackageSystemTest} installs the .deb and curl on the bare image, from the same repository.
     */
    public static void install(Vm vm, Path deb) throws IOException, InterruptedException {
        vm.copy(deb, "/root/iterdemo_all.deb", "0644");
        vm.aptGet("update");
        Result installed = vm.aptGet(INSTALL);
        if (!installed.stdout().contains("default-jre-headless")) {
            throw new AssertionError("apt did not install Java for the package's Depends:\n" + installed.stdout());
        }
        vm.await("the package's iterdemo.service to be active", Duration.ofMinutes(4),
                () -> vm.property("iterdemo.service", "ActiveState"), "active"::equals);
    }

    /** The .deb that {@code mvn package} built, beside the jar the build names ({@code -Diterdemo.jar}). */
    public static Path builtDeb() throws IOException {
        Path target = Path.of(System.getProperty("iterdemo.jar")).getParent();
        try (Stream<Path> files = Files.list(target)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("iterdemo_.*_all\\.deb")).toList();
            if (debs.size() != 1) {
                throw new IOException("expected one .deb in " + target + " (mvn package builds it), found " + debs);
            }
            return debs.get(0);
        }
    }

    private static void build(Path image, Path deb, Path part) throws Exception {
        Vm vm = Vm.boot(image, new QemuProcess.Disk(null, part));
        try {
            install(vm, deb);
            // The copy of the .deb has done its job; a student's machine would not keep it either.
            vm.runOk("rm", "-f", "/root/iterdemo_all.deb");
        } catch (Exception | AssertionError e) {
            e.addSuppressed(new GuestDiagnostics(vm.diagnostics(List.of("iterdemo.service"))));
            vm.close();
            Files.deleteIfExists(part);
            throw e;
        }
        if (!vm.powerOffKeepingDisk(POWER_OFF) || !Files.isRegularFile(part)) {
            Files.deleteIfExists(part);
            throw new IOException("the VM that installed " + deb.getFileName() + " did not power off cleanly within "
                    + Log.seconds(POWER_OFF) + ": no package layer kept");
        }
    }

    private static void removeStaleLayers(Path image, Path keep) throws IOException {
        Instant cutoff = Instant.now().minus(STALE);
        try (Stream<Path> files = Files.list(image)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("package-[0-9a-f]+\\.qcow2"))
                    .filter(f -> !f.equals(keep)).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.delete(file);
                    Log.info("removed a package layer older than " + STALE.toHours() + " h: " + file);
                }
            }
        }
    }

    private static String sha256(Path file, String recipe) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update((recipe + "\n").getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
