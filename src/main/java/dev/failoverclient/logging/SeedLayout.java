package dev.failoverclient.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The seed's log line, {@code 2025-01-08 10:30:15 [INFO] message}, with WARN spelled WARNING as
 * Python does and the {@code client} MDC value (a writer's {@code [id] } tag) before the message.
 * Written by hand rather than as a pattern: it is formatted once per write, and a pattern's
 * {@code %replace} runs a regular expression per line. The date text is reused within a second.
 */
final class SeedLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    /** The last second formatted and its text: replaced whole, so concurrent writers never see half of it. */
    private volatile Second last = new Second(Long.MIN_VALUE, "");

    SeedLayout(ZoneId zone) {
        this.zone = zone;
    }

    private record Second(long epochSecond, String text) {
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        Map<String, String> mdc = event.getMDCPropertyMap();
        String client = mdc.isEmpty() ? null : mdc.get("client");
        StringBuilder b = new StringBuilder(32 + message.length() + (client == null ? 0 : client.length()));
        b.append(date(event.getTimeStamp() / 1000)).append(" [").append(levelName(event.getLevel())).append("] ");
        if (client != null) {
            b.append(client);
        }
        return b.append(message).append('\n').toString();
    }

    static String levelName(Level level) {
        return level == Level.WARN ? "WARNING" : level.toString();
    }

    private String date(long epochSecond) {
        Second s = last;
        if (s.epochSecond != epochSecond) {
            s = new Second(epochSecond, DATE.format(Instant.ofEpochSecond(epochSecond).atZone(zone)));
            last = s;
        }
        return s.text;
    }
}
