package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The ladder's steps 9 to 11, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabSteps9To11SystemTest extends CourseReplay {
    LabSteps9To11SystemTest() {
        super("ladder");
    }

    @Test
    @Order(1)
    void step9NotifyWatchdogAndStatus(Vm vm) throws Exception {
        run(vm, "9");
    }

    @Test
    @Order(2)
    void step10ReloadForLogRotation(Vm vm) throws Exception {
        run(vm, "10");
    }

    @Test
    @Order(3)
    void step11ExitStatus143AndSuccessExitStatus(Vm vm) throws Exception {
        run(vm, "11");
    }
}
