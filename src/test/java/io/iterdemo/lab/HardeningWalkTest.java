package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.iterdemo.lab.Ladder.Walk;
import io.iterdemo.lab.Ladder.WalkStep;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HardeningWalkTest {
    private static final String UNIT = """
            [Unit]
            Description=x

            [Service]
            ExecStart=/bin/true
            ProtectSystem=full
            SystemCallFilter=@system-service

            [Install]
            WantedBy=multi-user.target
            """;

    @Test
    void aLineGoesAtTheEndOfTheServiceSectionBeforeTheBlankLine() {
        String unit = HardeningWalk.apply(UNIT, List.of("PrivateNetwork=yes"), List.of());
        assertEquals(UNIT.replace("@system-service\n", "@system-service\nPrivateNetwork=yes\n"), unit);
    }

    @Test
    void aLineReplacesEveryLineThatSetsTheSameKey() {
        String unit = HardeningWalk.apply(UNIT, List.of("ProtectSystem=strict"), List.of());
        assertEquals(Set.of("[Unit] Description=x", "[Service] ExecStart=/bin/true",
                "[Service] SystemCallFilter=@system-service", "[Service] ProtectSystem=strict",
                "[Install] WantedBy=multi-user.target"), HardeningWalk.settings(unit));
    }

    @Test
    void linesWithTheSameKeyInOneStepAreKeptTogether() {
        String unit = HardeningWalk.apply(UNIT, List.of("SystemCallFilter=@system-service", "SystemCallFilter=~@privileged"), List.of());
        assertEquals(List.of("[Service] SystemCallFilter=@system-service", "[Service] SystemCallFilter=~@privileged"),
                HardeningWalk.settings(unit).stream().filter(s -> s.contains("SystemCallFilter")).toList());
    }

    @Test
    void aUnitEndingWithTheServiceSectionTakesTheLinesAtItsEnd() {
        String unit = HardeningWalk.apply("[Service]\nExecStart=/bin/true\n", List.of("UMask=0077"), List.of());
        assertEquals("[Service]\nExecStart=/bin/true\nUMask=0077\n", unit);
    }

    @Test
    void eachStepBuildsOnThePreviousOne() {
        Walk walk = new Walk(null, UNIT, "9.6 UNSAFE", List.of(
                new WalkStep(List.of("PrivateNetwork=yes"), null, "8.0 EXPOSED", null, null),
                new WalkStep(List.of("UMask=0077"), null, "7.9 EXPOSED", null, null)));
        List<String> units = HardeningWalk.units(walk);
        assertEquals(2, units.size());
        assertEquals(true, units.get(1).contains("PrivateNetwork=yes\nUMask=0077\n"));
    }

    @Test
    void aDroppedKeyLeavesTheServiceSection() {
        String unit = HardeningWalk.apply(UNIT, List.of(), List.of("ProtectSystem"));
        assertEquals(UNIT.replace("ProtectSystem=full\n", ""), unit);
    }

    @Test
    void aLineWithoutAKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HardeningWalk.apply(UNIT, List.of("PrivateNetwork"), List.of()));
    }
}
