package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The ladder's steps 7 and 8, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabSteps7To8SystemTest extends CourseReplay {
    LabSteps7To8SystemTest() {
        super("ladder");
    }

    @Test
    @Order(1)
    void step7Sandboxing(Vm vm) throws Exception {
        run(vm, "7");
    }

    @Test
    @Order(2)
    void step8LoggingAndRateLimits(Vm vm) throws Exception {
        run(vm, "8");
    }
}
