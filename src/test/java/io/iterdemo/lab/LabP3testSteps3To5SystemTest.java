package io.iterdemo.lab;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** p3test's steps 3 to 5, played by the packaged {@code iterdemo lab run} (see {@link CourseReplay}). */
@SystemdTest(units = {"iterdemo.service", "p3test.service", "p3test.socket"}, packageInstalled = true)
class LabP3testSteps3To5SystemTest extends CourseReplay {
    LabP3testSteps3To5SystemTest() {
        super("p3test");
    }

    @Test
    @Order(1)
    void step3SocketActivationServesWithoutANetworkOfItsOwn(Vm vm) throws Exception {
        run(vm, "3");
    }

    @Test
    @Order(2)
    void step4TokenFromACredentialNeverFromTheEnvironment(Vm vm) throws Exception {
        run(vm, "4");
    }

    @Test
    @Order(3)
    void step5HardenedToPointTwoStillServes(Vm vm) throws Exception {
        run(vm, "5");
    }
}
