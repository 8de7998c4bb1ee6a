package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The ladder's steps 12 and 13, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabSteps12To13SystemTest extends CourseReplay {
    LabSteps12To13SystemTest() {
        super("ladder");
    }

    @Test
    @Order(1)
    void step12TasksMaxAndNativeThreads(Vm vm) throws Exception {
        run(vm, "12");
    }

    @Test
    @Order(2)
    void step13HeapSizedFromMemoryMax(Vm vm) throws Exception {
        run(vm, "13");
    }
}
