package io.iterdemo.lab;

import io.iterdemo.systemtest.DebianRelease;
import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The ladder's steps 17 to 19, what systemd 253 to 257 added, played by the packaged {@code iterdemo lab run}
 * (see {@link CourseReplay}) on a release whose systemd has them: Debian 13. On Debian 12 the class does not
 * boot a VM; {@link LabSteps14To16SystemTest} checks there the line each of these steps is skipped with.
 */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
@EnabledIf(value = "theReleaseRunsThem", disabledReason = "steps 17 to 19 need systemd 253 to 257")
class LabSteps17To19SystemTest extends CourseReplay {
    LabSteps17To19SystemTest() {
        super("ladder");
    }

    static boolean theReleaseRunsThem() {
        return LabInVm.newerSteps(LabInVm.course("ladder"), DebianRelease.ofRun().systemd()).isEmpty();
    }

    @Test
    @Order(1)
    void step17NotifyReloadWaitsForTheDaemon(Vm vm) throws Exception {
        run(vm, "17");
    }

    @Test
    @Order(2)
    void step18RestartDelaysGrowInsteadOfAStartLimit(Vm vm) throws Exception {
        run(vm, "18");
    }

    @Test
    @Order(3)
    void step19ProtectControlGroupsStrictAndPrivatePidsRefused(Vm vm) throws Exception {
        run(vm, "19");
    }
}
