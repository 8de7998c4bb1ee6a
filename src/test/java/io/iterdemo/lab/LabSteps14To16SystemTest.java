package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The ladder's steps 14 to 16, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
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
}
