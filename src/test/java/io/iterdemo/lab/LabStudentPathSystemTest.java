package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A student's path ({@link StudentPath}) through one step of each course: ladder step 9 (the watchdog, a check
 * that waits for systemd to act) and p3test step 3 (socket activation). What each step proves is played by the
 * {@code LabSteps*} and {@code LabP3test*} classes with {@code iterdemo lab run}; this class proves the verbs a
 * student types (start, check failing then passing, next, list, reset) on the same data.
 */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabStudentPathSystemTest {
    @BeforeAll
    static void thePackagedServiceRuns(Vm vm) throws Exception {
        LabInVm.packagedServiceRuns(vm);
    }

    @Test
    @Order(1)
    void step9HangTypedByHandIsCaughtByTheWatchdogThenFixed(Vm vm) throws Exception {
        StudentPath.walk(vm, "ladder", "9");
    }

    @Test
    @Order(2)
    void p3test3SocketActivationBreakTypedByHandIsCaughtThenFixed(Vm vm) throws Exception {
        StudentPath.walk(vm, "p3test", "3");
    }
}
