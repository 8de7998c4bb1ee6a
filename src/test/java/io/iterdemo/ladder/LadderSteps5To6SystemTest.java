package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The ladder's steps 5 and 6 (systemd/ladder.*.md) on a machine that has only been set up. */
@SystemdTest(units = "iterdemo.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderSteps5To6SystemTest {
    private static LadderRunner ladder;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        ladder = LadderRunner.install(vm, "ladder");
        ladder.setup();
        ladder.given("5");
    }

    @Test
    @Order(5)
    void step5RuntimeDirectoryAndWhatHappensWithoutIt(Vm vm) throws Exception {
        ladder.step("5");
    }

    @Test
    @Order(6)
    void step6ResourceLimitsAJvmFitsIn(Vm vm) throws Exception {
        ladder.step("6");
    }
}
