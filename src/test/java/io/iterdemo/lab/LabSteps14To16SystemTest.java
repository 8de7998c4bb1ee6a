package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ladder's steps 14 to 16, each played by the packaged {@code iterdemo lab run} on a Debian 12 with the .deb installed, in
 * order on one machine as a trainer plays them; then {@code iterdemo lab reset} puts back what the course
 * touched, the package's own service, user and files included.
 */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSteps14To16SystemTest {
    private static List<String> before;

    @BeforeAll
    static void installThePackage(Vm vm) throws Exception {
        LabInVm.installPackage(vm);
        before = LabInVm.fingerprint(vm, "ladder");
    }

    @Test
    @Order(1)
    void step14DynamicUserAndStateDirectory(Vm vm) throws Exception {
        LabInVm.run(vm, "14");
    }

    @Test
    @Order(2)
    void step15NoExecPathsAndTheNativeLibrary(Vm vm) throws Exception {
        LabInVm.run(vm, "15");
    }

    @Test
    @Order(3)
    void step16HardenedUnitReachedDirectiveByDirective(Vm vm) throws Exception {
        LabInVm.run(vm, "16");
    }

    @AfterAll
    static void resetPutsBackWhatTheCourseTouched(Vm vm) throws Exception {
        LabInVm.resetPutsTheMachineBack(vm, "ladder", before);
    }
}
