package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The ladder's steps 7 and 8 (systemd/ladder.*.md) on a machine that has only been
 * set up, then its cleanup. */
@SystemdTest(units = "iterdemo.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderSteps7To8SystemTest {
    private static LadderRunner ladder;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        ladder = LadderRunner.install(vm, "ladder");
        ladder.setup();
        ladder.given("7");
    }

    @Test
    @Order(7)
    void step7SandboxAndMemoryDenyWriteExecuteAgainstTheJvm(Vm vm) throws Exception {
        ladder.step("7");
    }

    @Test
    @Order(8)
    void step8JournalIdentifierAndRateLimit(Vm vm) throws Exception {
        ladder.step("8");
    }

    @Test
    @Order(9)
    void cleanupLeavesNothingBehind(Vm vm) throws Exception {
        ladder.cleanup();
    }
}
