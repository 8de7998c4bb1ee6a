package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The ladder's steps 3 and 4 (systemd/ladder.*.md) on a machine that has only been set up. */
@SystemdTest(units = "iterdemo.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderSteps3To4SystemTest {
    private static LadderRunner ladder;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        ladder = LadderRunner.install(vm, "ladder");
        ladder.setup();
        ladder.given("3");
    }

    @Test
    @Order(3)
    void step3EnvironmentFileBadIntervalRestartPolicyAndStartLimit(Vm vm) throws Exception {
        ladder.step("3");
    }

    @Test
    @Order(4)
    void step4NetworkOrderingAndAPreCheckAgainstALocalServer(Vm vm) throws Exception {
        ladder.step("4");
    }
}
