package dev.failoverclient.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedEncoderTest {
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(Level level, String at, Map<String, String> mdc, String message, Object... args) {
        LoggingEvent e = new LoggingEvent(getClass().getName(), context.getLogger("t"), level, message, null, args);
        e.setInstant(Instant.parse(at));
        e.setMDCPropertyMap(mdc);
        return e;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSeedsLineWithTheWritersTagAndPythonsLevelNames() {
        SeedEncoder encoder = SeedEncoder.seedLine(ZoneOffset.UTC);

        assertThat(text(encoder.encode(event(Level.INFO, "2025-01-08T10:30:15.999Z", Map.of("client", "[w1] "),
                "✓ Wrote sequence {} (latency: 1.2ms)", 42))))
                .isEqualTo("2025-01-08 10:30:15 [INFO] [w1] ✓ Wrote sequence 42 (latency: 1.2ms)\n");
        assertThat(text(encoder.encode(event(Level.WARN, "2025-01-08T10:30:16Z", Map.of(), "Connection lost"))))
                .isEqualTo("2025-01-08 10:30:16 [WARNING] Connection lost\n");
        assertThat(text(encoder.encode(event(Level.ERROR, "2025-01-08T10:30:16.5Z", Map.of("other", "x"), "✗ no"))))
                .isEqualTo("2025-01-08 10:30:16 [ERROR] ✗ no\n");
        assertThat(text(encoder.encode(event(Level.DEBUG, "2025-01-08T10:30:17Z", Map.of(), "d"))))
                .isEqualTo("2025-01-08 10:30:17 [DEBUG] d\n");
    }

    @Test
    void formatsTheDateInTheGivenZoneAndFollowsTheSecond() {
        SeedEncoder encoder = SeedEncoder.seedLine(ZoneId.of("Europe/Zurich"));

        assertThat(text(encoder.encode(event(Level.INFO, "2025-07-01T23:59:59.9Z", Map.of(), "a"))))
                .isEqualTo("2025-07-02 01:59:59 [INFO] a\n");
        assertThat(text(encoder.encode(event(Level.INFO, "2025-07-02T00:00:00Z", Map.of(), "b"))))
                .isEqualTo("2025-07-02 02:00:00 [INFO] b\n");
        // An earlier second after a later one (two writers' events out of order) is not the cached text.
        assertThat(text(encoder.encode(event(Level.INFO, "2025-07-01T23:59:59Z", Map.of(), "c"))))
                .isEqualTo("2025-07-02 01:59:59 [INFO] c\n");
    }

    @Test
    void rawWritesTheMessageAsItIs() {
        assertThat(text(SeedEncoder.raw().encode(event(Level.INFO, "2025-01-08T10:30:15Z", Map.of("client", "[w1] "),
                "====\nClient Statistics (ID: x)\n===="))))
                .isEqualTo("====\nClient Statistics (ID: x)\n====\n");
    }
}
