package io.iterdemo.ladder;

import io.iterdemo.systemtest.SystemdTest;
import io.iterdemo.systemtest.Vm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The ladder's steps 12 and 13 (systemd/ladder.*.md), the JVM's threads and heap, on a machine that has only been set up. */
@SystemdTest(units = "iterdemo.service")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LadderSteps12To13SystemTest {
    private static LadderRunner ladder;

    @BeforeAll
    static void setUp(Vm vm) throws Exception {
        ladder = LadderRunner.install(vm, "ladder");
        ladder.setup();
        ladder.given("12");
    }

    @Test
    @Order(12)
    void step12TooFewTasksKeepTheJvmFromStarting(Vm vm) throws Exception {
        ladder.step("12");
    }

    @Test
    @Order(13)
    void step13AHeapWithinMemoryMaxFailsInJavaAndOneBeyondItIsOomKilled(Vm vm) throws Exception {
        ladder.step("13");
    }
}
