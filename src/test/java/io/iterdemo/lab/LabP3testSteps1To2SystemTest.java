package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** p3test's steps 1 and 2, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabP3testSteps1To2SystemTest extends CourseReplay {
    LabP3testSteps1To2SystemTest() {
        super("p3test");
    }

    @Test
    @Order(1)
    void step1BareServiceAsTheSeedHasIt(Vm vm) throws Exception {
        run(vm, "1");
    }

    @Test
    @Order(2)
    void step2HardenedWithTheSeedsDirectives(Vm vm) throws Exception {
        run(vm, "2");
    }
}
