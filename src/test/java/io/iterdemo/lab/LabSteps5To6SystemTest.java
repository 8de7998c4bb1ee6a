package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The ladder's steps 5 and 6, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabSteps5To6SystemTest extends CourseReplay {
    LabSteps5To6SystemTest() {
        super("ladder");
    }

    @Test
    @Order(1)
    void step5RuntimeDirectoryManagedBySystemd(Vm vm) throws Exception {
        run(vm, "5");
    }

    @Test
    @Order(2)
    void step6ResourceLimits(Vm vm) throws Exception {
        run(vm, "6");
    }
}
