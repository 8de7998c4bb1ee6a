package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void hasBoundedDefaults() {
        assertEquals(new ConnectionLimits(Duration.ofSeconds(30), Duration.ofSeconds(20), 512),
                ConnectionLimits.from(new Properties()));
    }

    @Test
    void readsEachLimitFromItsSystemProperty() {
        Properties properties = new Properties();
        properties.setProperty("iterdemo.http.idleTimeoutMillis", "1500");
        properties.setProperty("iterdemo.http.requestHeadTimeoutMillis", " 2000 ");
        properties.setProperty("iterdemo.http.maxConnections", "8");
        assertEquals(new ConnectionLimits(Duration.ofMillis(1500), Duration.ofMillis(2000), 8),
                ConnectionLimits.from(properties));
    }

    @Test
    void refusesAValueThatIsNotAPositiveInteger() {
        for (String value : new String[] {"0", "-1", "1.5", "abc", "99999999999"}) {
            Properties properties = new Properties();
            properties.setProperty("iterdemo.http.maxConnections", value);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionLimits.from(properties));
            assertEquals("iterdemo.http.maxConnections=\"" + value + "\" is not a positive integer", e.getMessage());
        }
    }
}
