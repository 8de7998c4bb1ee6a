package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ladder's setup and steps 0 to 2 (systemd/ladder.*.md), played in order on one machine as a
 * trainer plays them; and every unit file the ladder ships passes {@code systemd-analyze verify}.
 */
@SystemdTest(units = "iterdemo.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderSteps0To2SystemTest {
    private static LadderRunner ladder;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        ladder = LadderRunner.install(vm, "ladder");
        ladder.setup();
    }

    @Test
    @Order(0)
    void everyShippedUnitFileVerifiesClean(Vm vm) throws Exception {
        ladder.verifyUnitFiles();
    }

    @Test
    @Order(1)
    void step0MinimalServiceAndAMissingInterpreter(Vm vm) throws Exception {
        ladder.step("0");
    }

    @Test
    @Order(2)
    void step1DedicatedUserAndWhatFailsWithoutItsRights(Vm vm) throws Exception {
        ladder.step("1");
    }

    @Test
    @Order(3)
    void step2RestartAfterKillAndCleanVersusBrutalStop(Vm vm) throws Exception {
        ladder.step("2");
    }
}
