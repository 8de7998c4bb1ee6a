package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ladder's steps 14 to 16 (systemd/ladder.*.md), from a dynamic user to the hardened unit and its
 * scored walk, on a machine that has only been set up; then the cleanup, which must also remove the
 * directories systemd created for the dynamic user.
 */
@SystemdTest(units = "iterdemo.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderSteps14To16SystemTest {
    private static LadderRunner ladder;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        ladder = LadderRunner.install(vm, "ladder");
        ladder.setup();
        ladder.given("14");
    }

    @Test
    @Order(14)
    void step14ADynamicUserWritesOnlyItsOwnDirectories(Vm vm) throws Exception {
        ladder.step("14");
    }

    @Test
    @Order(15)
    void step15NativeLibrariesNeedAnExecutableTemporaryDirectory(Vm vm) throws Exception {
        ladder.step("15");
    }

    @Test
    @Order(16)
    void step16HardenedUnitScoresUnderOneDirectiveByDirective(Vm vm) throws Exception {
        ladder.step("16");
    }

    @Test
    @Order(17)
    void cleanupLeavesNothingBehind(Vm vm) throws Exception {
        ladder.cleanup();
    }
}
