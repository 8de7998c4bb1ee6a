package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.systemtest.DebianRelease;
import io.iterdemo.systemtest.Result;
import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The ladder's steps 0 to 2, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabSteps0To2SystemTest extends CourseReplay {
    LabSteps0To2SystemTest() {
        super("ladder");
    }

    @Test
    @Order(1)
    void step0MinimalServiceAndAMissingInterpreter(Vm vm) throws Exception {
        run(vm, "0");
    }

    @Test
    @Order(2)
    void step1DedicatedUserAndWhatFailsWithoutItsRights(Vm vm) throws Exception {
        run(vm, "1");
    }

    @Test
    @Order(3)
    void step2RestartAfterKillAndCleanVersusBrutalStop(Vm vm) throws Exception {
        run(vm, "2");
    }

    @Test
    @Order(10)
    void everyUnitFileInTheLabDirectoryVerifiesCleanOnTheSystemdItIsFor(Vm vm) throws Exception {
        int systemd = DebianRelease.ofRun().systemd();
        List<Ladder.Loaded> courses = Stream.of("ladder", "p3test").map(LabInVm::course).toList();
        List<String> newer = courses.stream().flatMap(course -> LabInVm.newerSteps(course, systemd).stream()
                .map(step -> course.course().labFile(step))).toList();
        // After step 2 the jar the units name is in place: systemd-analyze verify checks that too.
        Result verify = vm.sh("cd " + LabInVm.LAB + " && for f in */*.service */*.socket; do "
                + "case \" " + String.join(" ", newer) + " \" in *\" $f \"*) continue ;; esac; "
                + "systemd-analyze verify \"$f\" 2>&1 | sed \"s|^|$f: |\"; done");
        assertEquals("", verify.stdout() + verify.stderr(),
                "systemd-analyze verify is clean for every unit file of the lab directory made for systemd " + systemd);
        // A step's since: is right only if the systemd it skips does not know what the step teaches.
        for (String unit : newer) {
            Result refused = vm.sh("cd " + LabInVm.LAB + " && systemd-analyze verify " + unit + " 2>&1");
            assertTrue(!refused.stdout().isBlank(), unit + " verifies clean on systemd " + systemd
                    + ", which its since: says is too old for it");
        }
    }
}
