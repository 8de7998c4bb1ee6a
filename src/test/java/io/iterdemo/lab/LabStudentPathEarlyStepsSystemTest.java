package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A student's path ({@link StudentPath}) through ladder steps 1, 3 and 5. */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabStudentPathEarlyStepsSystemTest {
    @BeforeAll
    static void thePackagedServiceRuns(Vm vm) throws Exception {
        LabInVm.packagedServiceRuns(vm);
    }

    @Test
    @Order(1)
    void step1UserChangedByHandIsCaughtThenFixed(Vm vm) throws Exception {
        StudentPath.walk(vm, "ladder", "1");
    }

    @Test
    @Order(2)
    void step3BadIntervalTypedByHandIsCaughtThenFixed(Vm vm) throws Exception {
        StudentPath.walk(vm, "ladder", "3");
    }

    @Test
    @Order(3)
    void step5RuntimeDirectoryBreakTypedByHandIsCaughtThenFixed(Vm vm) throws Exception {
        StudentPath.walk(vm, "ladder", "5");
    }
}
