package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.lab.Ladder.Course;
import io.iterdemo.lab.Ladder.Touches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save and restore of what a course touches, with real files, directories, links, modes and extended
 * attributes under a temporary directory, through the real shell scripts; systemctl is a stand-in that
 * records its calls (the system tests run the same code under systemd, users and units included).
 */
class BeforeTheCourseTest {
    @TempDir
    Path root;
    private Path saves;
    private Path calls;
    private Machine machine;

    @BeforeEach
    void fakeSystemctl() throws Exception {
        saves = Files.createDirectories(root.resolve("var/lib/iterdemo-lab"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        calls = root.resolve("systemctl-calls");
        Path systemctl = bin.resolve("systemctl");
        // is-enabled / is-active answer as for the package's running service; other verbs are recorded.
        Files.writeString(systemctl, """
                #!/bin/sh
                case "$1" in
                  is-enabled) echo enabled ;;
                  is-active) echo active ;;
                  *) echo "$*" >> %s ;;
                esac
                """.formatted(calls));
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        machine = new LocalMachine(root, Map.of("PATH", bin + ":" + System.getenv("PATH")));
    }

    private BeforeTheCourse course(List<String> paths) {
        Course course = new Course("ladder", "iterdemo.service", null, null, null, null, null, null,
                new Touches(List.of("iterdemo.service"), List.of(), paths));
        return new BeforeTheCourse(machine, course, saves.toString());
    }

    private String listing(Path dir) throws Exception {
        return machine.sh("cd " + dir + " && find . -printf '%p %M %u %g %l\\n' | sort && find . -type f -exec sha256sum {} + | sort",
                Duration.ofSeconds(30)).stdout();
    }

    @Test
    void whatExistedComesBackAsItWasAndWhatDidNotIsRemoved() throws Exception {
        Path etc = Files.createDirectories(root.resolve("etc/default"));
        Path conffile = Files.writeString(etc.resolve("iterdemo"), "INTERVAL=5\n");
        Files.setPosixFilePermissions(conffile, PosixFilePermissions.fromString("rw-r-----"));
        Path logs = Files.createDirectories(root.resolve("var/log/iterdemo"));
        Files.writeString(logs.resolve("iterdemo.log"), "[tick]  before\n");
        Path wants = Files.createDirectories(root.resolve("etc/systemd/multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve("iterdemo.service"), Path.of("/usr/lib/systemd/system/iterdemo.service"));
        Path unit = root.resolve("etc/systemd/iterdemo.service");
        String before = listing(root.resolve("etc")) + listing(logs);

        BeforeTheCourse save = course(List.of(conffile.toString(), logs.toString(), wants.resolve("iterdemo.service").toString(),
                unit.toString(), root.resolve("opt/iterdemo").toString()));
        save.save();
        assertTrue(Files.readString(calls).contains("stop iterdemo.service"), "a course starts from its units stopped");

        // What a course does: changes, replaces, removes, creates.
        Files.writeString(conffile, "INTERVAL=abc\n");
        Files.setPosixFilePermissions(conffile, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.delete(logs.resolve("iterdemo.log"));
        Files.delete(wants.resolve("iterdemo.service"));
        Files.createSymbolicLink(wants.resolve("iterdemo.service"), unit);
        Files.writeString(unit, "[Service]\nExecStart=/usr/bin/java\n");
        Files.createDirectories(root.resolve("opt/iterdemo")).resolve("iterdemo.jar").toFile().createNewFile();

        assertEquals(List.of(unit.toString(), root.resolve("opt/iterdemo").toString()), save.toRemove());
        save.restore();
        assertEquals(before, listing(root.resolve("etc")) + listing(logs));
        assertFalse(Files.exists(unit), "a path that did not exist before is removed");
        assertFalse(Files.exists(root.resolve("opt/iterdemo")));
        assertFalse(save.saved(), "the save is dropped once restored");
        assertTrue(Files.readString(calls).contains("enable --no-reload iterdemo.service"), Files.readString(calls));
        assertTrue(Files.readString(calls).contains("start iterdemo.service"), Files.readString(calls));
    }

    @Test
    void restoreReloadsSystemdOnceAfterTheUnitFilesAndTheirEnablementAreBack() throws Exception {
        BeforeTheCourse save = course(List.of(root.resolve("etc/default/iterdemo").toString()));
        save.save();
        Files.writeString(calls, "");
        save.restore();
        // The course's unit stopped, its files put back, enable --no-reload, then the one daemon-reload, then start:
        // a unit started before the reload would run the course's unit file, not the one put back.
        assertEquals(List.of("stop iterdemo.service", "enable --no-reload iterdemo.service", "daemon-reload", "reset-failed iterdemo.service",
                "start iterdemo.service"), Files.readAllLines(calls));
    }

    @Test
    void aSecondSaveKeepsTheStateFromBeforeTheCourse() throws Exception {
        Path file = Files.writeString(root.resolve("iterdemo.conf"), "original\n");
        BeforeTheCourse save = course(List.of(file.toString()));
        save.save();
        Files.writeString(file, "changed by the course\n");
        save.save();
        save.restore();
        assertEquals("original\n", Files.readString(file));
    }

    @Test
    void extendedAttributesComeBack() throws Exception {
        Path file = Files.writeString(root.resolve("java"), "#!/bin/sh\n");
        boolean supported = machine.sh("command -v setfattr && setfattr -n user.iterdemo -v kept " + file,
                Duration.ofSeconds(30)).ok();
        org.junit.jupiter.api.Assumptions.assumeTrue(supported, "setfattr (package attr) and user xattrs on the temp file system");
        BeforeTheCourse save = course(List.of(file.toString()));
        save.save();
        machine.sh("setfattr -x user.iterdemo " + file, Duration.ofSeconds(30));
        save.restore();
        assertTrue(machine.sh("getfattr -n user.iterdemo " + file, Duration.ofSeconds(30)).stdout().contains("kept"));
    }

    @Test
    void pathsTheCourseDataNamesOnlySinceTheSaveAreLeftAlone() throws Exception {
        Path older = Files.writeString(root.resolve("named-before"), "x\n");
        Path newer = Files.writeString(root.resolve("named-since"), "the operator's own\n");
        course(List.of(older.toString())).save();
        course(List.of(older.toString(), newer.toString())).restore();
        assertEquals("the operator's own\n", Files.readString(newer));
    }
}
