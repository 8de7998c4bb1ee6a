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
 * The ladder's steps 0 to 2, each played by the packaged {@code iterdemo lab run} on a Debian 12 with the .deb installed, in
 * order on one machine as a trainer plays them; then {@code iterdemo lab reset} puts back what the course
 * touched, the package's own service, user and files included.
 */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSteps0To2SystemTest {
    private static List<String> before;

    @BeforeAll
    static void installThePackage(Vm vm) throws Exception {
        LabInVm.installPackage(vm);
        before = LabInVm.fingerprint(vm, "ladder");
    }

    @Test
    @Order(1)
    void step0MinimalServiceAndAMissingInterpreter(Vm vm) throws Exception {
        LabInVm.run(vm, "0");
    }

    @Test
    @Order(2)
    void step1DedicatedUserAndWhatFailsWithoutItsRights(Vm vm) throws Exception {
        LabInVm.run(vm, "1");
    }

    @Test
    @Order(3)
    void step2RestartAfterKillAndCleanVersusBrutalStop(Vm vm) throws Exception {
        LabInVm.run(vm, "2");
    }

    @Test
    @Order(10)
    void everyUnitFileInTheLabDirectoryVerifiesClean(Vm vm) throws Exception {
        // After step 2 the jar the units name is in place: systemd-analyze verify checks that too.
        io.iterdemo.systemtest.Result verify = vm.sh("cd " + LabInVm.LAB + " && for f in */*.service */*.socket; do "
                + "systemd-analyze verify \"$f\" 2>&1 | sed \"s|^|$f: |\"; done");
        org.junit.jupiter.api.Assertions.assertEquals("", verify.stdout() + verify.stderr(),
                "systemd-analyze verify is clean for every unit file of the lab directory");
    }

    @AfterAll
    static void resetPutsBackWhatTheCourseTouched(Vm vm) throws Exception {
        LabInVm.resetPutsTheMachineBack(vm, "ladder", before);
    }
}
