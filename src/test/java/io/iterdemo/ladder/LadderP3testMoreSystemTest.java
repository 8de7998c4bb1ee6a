package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The p3test exercise beyond the lab (systemd/p3test.*.md, steps 3 to 5) on a machine that has only been set
 * up: socket activation with PrivateNetwork=, the access token as a credential, then the unit hardened to 0.2
 * with its walk scored directive by directive, then the cleanup. Step 3 installs everything it needs, so no
 * earlier step runs here.
 */
@SystemdTest(units = {"p3test.service", "p3test.socket"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderP3testMoreSystemTest {
    private static LadderRunner p3test;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        p3test = LadderRunner.install(vm, "p3test");
        p3test.setup();
    }

    @Test
    @Order(3)
    void socketActivationServesWithoutANetworkOfItsOwn(Vm vm) throws Exception {
        p3test.step("3");
    }

    @Test
    @Order(4)
    void tokenFromACredentialNeverFromTheEnvironment(Vm vm) throws Exception {
        p3test.step("4");
    }

    @Test
    @Order(5)
    void hardenedToPointTwoStillServesAndEachDirectiveIsScored(Vm vm) throws Exception {
        p3test.step("5");
    }

    @Test
    @Order(9)
    void cleanupLeavesNothingBehind(Vm vm) throws Exception {
        p3test.cleanup();
    }
}
