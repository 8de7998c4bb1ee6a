package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iterdemo.lab.Ladder.Step;
import io.iterdemo.systemtest.DebianRelease;
import io.iterdemo.systemtest.Result;
import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The ladder's steps 14 to 16, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}); then,
 * on a release whose systemd predates the steps after them, the one line each of those steps gets instead
 * ({@link LabSteps17To19SystemTest} plays them where they run).
 */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabSteps14To16SystemTest extends CourseReplay {
    LabSteps14To16SystemTest() {
        super("ladder");
    }

    @Test
    @Order(1)
    void step14DynamicUserAndStateDirectory(Vm vm) throws Exception {
        run(vm, "14");
    }

    @Test
    @Order(2)
    void step15NoExecPathsAndTheNativeLibrary(Vm vm) throws Exception {
        run(vm, "15");
    }

    @Test
    @Order(3)
    void step16HardenedUnitReachedDirectiveByDirective(Vm vm) throws Exception {
        run(vm, "16");
    }

    @Test
    @Order(4)
    void theStepsOfANewerSystemdAreSkippedWithOneLineSayingWhy(Vm vm) throws Exception {
        int systemd = DebianRelease.ofRun().systemd();
        for (Step step : LabInVm.newerSteps(LabInVm.course("ladder"), systemd)) {
            Result skipped = LabInVm.labOk(vm, "run " + step.number());
            assertEquals("iterdemo lab: step " + step.number() + " skipped: it needs systemd >= " + step.since() + " ("
                    + step.title().en() + "), and this machine has systemd " + systemd + "\n", skipped.stdout(),
                    "iterdemo lab run " + step.number() + " on systemd " + systemd);
        }
    }
}
