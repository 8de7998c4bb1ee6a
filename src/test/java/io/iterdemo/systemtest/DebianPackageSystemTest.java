package io.iterdemo.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The .deb's life on a real Debian 12 under its real systemd, one step after the other on the same
 * machine: install, configure, upgrade, remove, purge, install again.
 *
 * <p>The test image has no Java (a minimal Debian install has none): apt brings in
 * {@code default-jre-headless} for {@code Depends:} from the VM's Debian repository (systemtest/build-image.sh),
 * as it would from a mirror; curl, which the checks below use, comes the same way.
 */
@SystemdTest(units = {"iterdemo.service", "iterdemo-http.socket", "iterdemo-http.service"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageSystemTest {
    private static final Duration START = Duration.ofMinutes(3);
    private static final String DEB = "/root/iterdemo_all.deb";
    private static final String UPGRADE_DEB = "/root/iterdemo_upgrade_all.deb";
    private static final String LOG = "/var/log/iterdemo/iterdemo.log";
    private static final String ARCHIVES = "/var/cache/iterdemo-cds";

    /** Installs a local .deb the way the README says: apt, so that dependencies are resolved. */
    private static Result aptInstall(Vm vm, String deb) throws Exception {
        return vm.aptGet("install -y " + deb);
    }

    /** The first install comes with what the machine lacks: package lists, and curl for the checks below. */
    private static Result firstAptInstall(Vm vm, String deb) throws Exception {
        vm.aptGet("update");
        assertFalse(vm.run("sh", "-c", "command -v java").ok(), "the image carries no Java: apt must install it");
        Result result = aptInstall(vm, deb + " curl");
        assertTrue(result.stdout().contains("default-jre-headless"), "apt installed Java for Depends:\n" + result.stdout());
        return result;
    }

    /**
     * Whether the process {@code unit} runs has {@code archive} (under {@link #ARCHIVES}) mapped: the JVM unmaps an
     * archive it refuses (made for another JVM or jar), so a mapping means the classes come from it.
     */
    private static boolean mapsArchive(Vm vm, String unit, String archive) throws Exception {
        String pid = vm.property(unit, "MainPID");
        return vm.run("grep", "-q", "-F", ARCHIVES + "/" + archive, "/proc/" + pid + "/maps").ok();
    }

    private static void awaitActive(Vm vm) throws Exception {
        vm.await("iterdemo.service to be active", START, () -> vm.property("iterdemo.service", "ActiveState"),
                "active"::equals);
    }

    private static String builtDeb() throws IOException {
        Path target = Path.of(System.getProperty("iterdemo.jar")).getParent();
        try (Stream<Path> files = Files.list(target)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("iterdemo_.*_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one .deb in " + target + ": " + debs);
            return debs.get(0).toString();
        }
    }

    @Test
    @Order(1)
    void installEnablesAndStartsTheServiceTickingAsUserIterdemo(Vm vm) throws Exception {
        vm.copy(Path.of(builtDeb()), DEB, "0644");
        firstAptInstall(vm, DEB);
        awaitActive(vm);

        Map<String, String> unit = vm.show("iterdemo.service", "UnitFileState", "MainPID", "StatusText", "Type");
        assertEquals("enabled", unit.get("UnitFileState"));
        assertEquals("notify", unit.get("Type"));
        assertEquals("iterdemo", vm.runOk("ps", "-o", "user=", "-p", unit.get("MainPID")).stdout().trim());
        assertEquals("iterdemo:iterdemo\n", vm.runOk("stat", "-c", "%U:%G", LOG).stdout());
        vm.await("a tick in " + LOG, START, () -> vm.runOk("cat", LOG).stdout(), log -> log.contains("[tick]  "));
        assertTrue(vm.property("iterdemo.service", "StatusText").startsWith("Ticking every 5 s into " + LOG),
                vm.property("iterdemo.service", "StatusText"));
        assertEquals("disabled", vm.property("iterdemo-http.socket", "UnitFileState"),
                "the http units are installed but not enabled");
        assertTrue(mapsArchive(vm, "iterdemo.service", "tick.jsa"),
                "the service maps the class data sharing archive postinst built before starting it:\n"
                        + vm.run("ls", "-l", ARCHIVES).describe());
        // -Xshare:on: the JVM refuses to start unless it maps the archive, here the lab's.
        vm.shOk("ITERDEMO_JAVA_OPTS=-Xshare:on iterdemo lab list");
    }

    @Test
    @Order(2)
    void theInstalledUnitsScoreSafeInSystemdAnalyzeSecurity(Vm vm) throws Exception {
        // The ladder's targets (steps 16 and p3test 5): the tick logger at 1.0 or lower, the http mode at 2.0.
        assertTrue(exposure(vm, "iterdemo.service") <= 1.0, vm.runOk("systemd-analyze", "security", "iterdemo.service").stdout());
        assertTrue(exposure(vm, "iterdemo-http.service") <= 2.0,
                vm.runOk("systemd-analyze", "security", "iterdemo-http.service").stdout());
    }

    /** The overall exposure level systemd-analyze security gives {@code unit}, 0.0 (closed) to 10.0 (open). */
    private static double exposure(Vm vm, String unit) throws Exception {
        String out = vm.runOk("systemd-analyze", "security", "--no-pager", unit).stdout();
        Matcher level = Pattern
                .compile("Overall exposure level for " + Pattern.quote(unit) + ": (\\d+\\.\\d)").matcher(out);
        assertTrue(level.find(), out);
        return Double.parseDouble(level.group(1));
    }

    @Test
    @Order(3)
    void socketActivatesTheHttpModeWhichServesTheLessonsWithoutANetworkOfItsOwn(Vm vm) throws Exception {
        vm.runOk("systemctl", "enable", "--now", "iterdemo-http.socket");
        assertEquals("inactive", vm.property("iterdemo-http.service", "ActiveState"),
                "nothing runs before the first connection");

        // The first connection waits in the socket's backlog while systemd starts the JVM.
        String listing = vm.runOk("curl", "-sS", "--max-time", "180", "http://127.0.0.1:8000/").stdout();
        assertTrue(listing.contains("<title>Directory listing for /</title>"), listing);
        assertTrue(listing.contains("<a href=\"ladder/\">ladder/</a>"), listing);

        Map<String, String> http = vm.show("iterdemo-http.service", "ActiveState", "PrivateNetwork", "DynamicUser");
        assertEquals(Map.of("ActiveState", "active", "PrivateNetwork", "yes", "DynamicUser", "yes"), http);
        assertTrue(vm.runOk("curl", "-sS", "--max-time", "60", "http://127.0.0.1:8000/ladder/ladder.en.md")
                .stdout().startsWith("#"), "a lesson is served");
        assertTrue(vm.property("iterdemo-http.service", "StatusText").contains("request"),
                vm.property("iterdemo-http.service", "StatusText"));
        assertTrue(mapsArchive(vm, "iterdemo-http.service", "http.jsa"), "the http mode maps its own archive");

        vm.runOk("systemctl", "disable", "--now", "iterdemo-http.socket", "iterdemo-http.service");
    }

    @Test
    @Order(4)
    void followsAnIntervalSetInTheDefaultsFileAfterRestart(Vm vm) throws Exception {
        vm.shOk("sed -i 's/^#INTERVAL=.*/INTERVAL=1/' /etc/default/iterdemo");
        vm.runOk("systemctl", "restart", "iterdemo.service");
        awaitActive(vm);
        vm.await("the status to report the new interval", START,
                () -> vm.property("iterdemo.service", "StatusText"), s -> s.startsWith("Ticking every 1 s"));
        String ticks = vm.await("two ticks a second apart", START,
                () -> vm.runOk("grep", "-c", "^\\[tick\\]", LOG).stdout().trim(), n -> Integer.parseInt(n) >= 4);
        assertTrue(Integer.parseInt(ticks) >= 4);
    }

    @Test
    @Order(5)
    void reloadReopensTheLogFileWithoutARestart(Vm vm) throws Exception {
        String pid = vm.property("iterdemo.service", "MainPID");
        vm.shOk("mv " + LOG + " " + LOG + ".1");
        vm.runOk("systemctl", "reload", "iterdemo.service");
        vm.await("ticks in the reopened " + LOG, START, () -> vm.run("cat", LOG).stdout(), l -> l.contains("[tick]  "));
        assertEquals(pid, vm.property("iterdemo.service", "MainPID"));
        assertTrue(vm.journal("iterdemo.service").contains("SIGHUP: reopened " + LOG));
    }

    @Test
    @Order(6)
    void aJdkChangeUnderUsrLibJvmRebuildsTheArchives(Vm vm) throws Exception {
        // What dpkg does when a JDK package installs, upgrades or removes files under /usr/lib/jvm: it activates
        // the file trigger iterdemo declared interest in, and runs iterdemo's postinst with "triggered".
        vm.shOk("rm -f " + ARCHIVES + "/tick.jsa " + ARCHIVES + "/http.jsa " + ARCHIVES + "/lab.jsa");
        // The trigger does what postinst does at installation (three archive dumps, in an emulated CPU that
        // another VM shares): the same generous limit as an install, not the default two minutes.
        vm.shOk(Duration.ofMinutes(10), "dpkg-trigger --no-await /usr/lib/jvm && dpkg --triggers-only --pending 2>&1");

        assertTrue(vm.run("test", "-s", ARCHIVES + "/tick.jsa").ok() && vm.run("test", "-s", ARCHIVES + "/http.jsa").ok()
                && vm.run("test", "-s", ARCHIVES + "/lab.jsa").ok(),
                "the three archives rebuilt:\n" + vm.run("ls", "-l", ARCHIVES).describe());
        vm.runOk("systemctl", "restart", "iterdemo.service");
        awaitActive(vm);
        assertTrue(mapsArchive(vm, "iterdemo.service", "tick.jsa"), "the restarted service maps the rebuilt archive");
    }

    @Test
    @Order(7)
    void upgradeKeepsTheEditedConffileAndRestartsTheService(Vm vm) throws Exception {
        // A newer build of the same package: its version raised, everything else identical.
        vm.shOk("rm -rf /root/upgrade && dpkg-deb -R " + DEB + " /root/upgrade"
                + " && sed -i 's/^Version: .*/&.1/' /root/upgrade/DEBIAN/control"
                + " && dpkg-deb -b /root/upgrade " + UPGRADE_DEB);
        String before = vm.property("iterdemo.service", "MainPID");
        String oldVersion = vm.runOk("dpkg-query", "-W", "-f=${Version}", "iterdemo").stdout();

        aptInstall(vm, UPGRADE_DEB);
        awaitActive(vm);

        assertEquals(oldVersion + ".1", vm.runOk("dpkg-query", "-W", "-f=${Version}", "iterdemo").stdout());
        assertTrue(vm.runOk("grep", "-x", "INTERVAL=1", "/etc/default/iterdemo").ok(), "the edit is kept");
        assertNotEquals(before, vm.property("iterdemo.service", "MainPID"), "the service was restarted");
        vm.await("the restarted service to keep the edited interval", START,
                () -> vm.property("iterdemo.service", "StatusText"), s -> s.startsWith("Ticking every 1 s"));
        // The old archive is refused for the new jar: this mapping is the new one, built before the restart.
        assertTrue(mapsArchive(vm, "iterdemo.service", "tick.jsa"), "the upgraded service maps the new archive");
    }

    @Test
    @Order(8)
    void removeStopsTheServiceAndKeepsItsConfiguration(Vm vm) throws Exception {
        String pid = vm.property("iterdemo.service", "MainPID");
        vm.aptGet("remove -y iterdemo");

        assertEquals("inactive", vm.property("iterdemo.service", "ActiveState"));
        assertFalse(vm.run("kill", "-0", pid).ok(), "the daemon is gone");
        assertTrue(vm.runOk("tail", "-n", "1", LOG).stdout().startsWith("[stop]  "), "it stopped cleanly");
        assertTrue(vm.run("test", "-f", "/etc/default/iterdemo").ok(), "remove keeps the conffile");
        assertFalse(vm.run("test", "-e", ARCHIVES).ok(), "the archives go with the jar they were made for");
    }

    @Test
    @Order(9)
    void purgeLeavesNoConfigurationLogOrEnablementBehind(Vm vm) throws Exception {
        vm.aptGet("purge -y iterdemo");

        assertFalse(vm.run("test", "-e", "/etc/default/iterdemo").ok(), "conffile purged");
        assertFalse(vm.run("test", "-e", "/var/log/iterdemo").ok(), "logs purged");
        assertFalse(vm.run("test", "-e", "/etc/systemd/system/multi-user.target.wants/iterdemo.service").ok(),
                "enablement symlink purged");
        assertEquals("not-found", vm.property("iterdemo.service", "LoadState"));
    }

    @Test
    @Order(10)
    void installsAgainAfterAPurge(Vm vm) throws Exception {
        aptInstall(vm, DEB);
        awaitActive(vm);
        assertEquals("enabled", vm.property("iterdemo.service", "UnitFileState"));
        vm.await("a tick after reinstalling", START, () -> vm.runOk("cat", LOG).stdout(), l -> l.contains("[tick]  "));
    }
}
