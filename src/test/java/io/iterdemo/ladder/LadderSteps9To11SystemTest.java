package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The ladder's steps 9 to 11 (systemd/ladder.*.md) on a machine that has only been set up. */
@SystemdTest(units = "iterdemo.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderSteps9To11SystemTest {
    private static LadderRunner ladder;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        ladder = LadderRunner.install(vm, "ladder");
        ladder.setup();
        ladder.given("9");
    }

    @Test
    @Order(9)
    void step9NotifyStatusAndAWatchdogThatRestartsAStuckDaemon(Vm vm) throws Exception {
        ladder.step("9");
    }

    @Test
    @Order(10)
    void step10ReloadReopensTheLogAfterARotation(Vm vm) throws Exception {
        ladder.step("10");
    }

    @Test
    @Order(11)
    void step11Exit143IsAFailureUntilSuccessExitStatusOrAHandler(Vm vm) throws Exception {
        ladder.step("11");
    }
}
