package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotedOutputTest {
    private static final String STATUS = """
            ● iterdemo.service - Iterdemo
                 Active: failed (Result: exit-code) since Mon 2026-11-30 06:00:01 UTC; 3s ago
                Process: 812 ExecStart=/usr/bin/java -jar /opt/iterdemo/iterdemo.jar (code=exited, status=73)
            """;

    @Test
    void anEllipsisStandsForAnythingAndLinesAreStripped() {
        assertEquals(Optional.empty(), QuotedOutput.firstMissing(List.of("Active: failed (Result: exit-code) since …",
                "Process: … ExecStart=/usr/bin/java -jar /opt/iterdemo/iterdemo.jar (code=exited, status=73)"), STATUS));
    }

    @Test
    void quotedLinesMustComeInOrder() {
        assertEquals(Optional.of("Active: failed …"), QuotedOutput.firstMissing(List.of("Process: …", "Active: failed …"), STATUS));
    }

    @Test
    void regularExpressionCharactersAreLiteral() {
        assertEquals(Optional.of("Active: failed (Result: exit-code) since .*"),
                QuotedOutput.firstMissing(List.of("Active: failed (Result: exit-code) since .*"), STATUS));
    }
}
