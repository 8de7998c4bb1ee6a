package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The p3test exercise (systemd/p3test.*.md): iterdemo's http mode as the bare unit and as the
 * hardened one, each serving a request from inside the guest, each with its measured exposure.
 */
@SystemdTest(units = "p3test.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderP3testSystemTest {
    private static LadderRunner p3test;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        p3test = LadderRunner.install(vm, "p3test");
        p3test.setup();
    }

    @Test
    @Order(0)
    void unitFilesVerifyClean(Vm vm) throws Exception {
        p3test.verifyUnitFiles();
    }

    @Test
    @Order(1)
    void bareServiceServesAndScoresUnsafe(Vm vm) throws Exception {
        p3test.step("1");
    }

    @Test
    @Order(2)
    void hardenedServiceStillServesAndScoresOk(Vm vm) throws Exception {
        p3test.step("2");
    }

    @Test
    @Order(3)
    void cleanup(Vm vm) throws Exception {
        p3test.cleanup();
    }
}
