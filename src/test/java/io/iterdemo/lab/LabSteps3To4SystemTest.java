package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The ladder's steps 3 and 4, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabSteps3To4SystemTest extends CourseReplay {
    LabSteps3To4SystemTest() {
        super("ladder");
    }

    @Test
    @Order(1)
    void step3EnvironmentFileBadIntervalRestartPolicyAndStartLimit(Vm vm) throws Exception {
        run(vm, "3");
    }

    @Test
    @Order(2)
    void step4NetworkOrderingAndAPreCheckAgainstALocalServer(Vm vm) throws Exception {
        run(vm, "4");
    }
}
