package dev.failoverclient.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The seed's log line, {@code 2025-01-08 10:30:15 [INFO] message}, with WARN spelled WARNING as
 * Python does and the {@code client} MDC value (a writer's {@code [id] } tag) before the message;
 * or, as {@link #raw()}, the message alone (the statistics block). Written straight to UTF-8 bytes
 * rather than through a layout's String: this runs once per write, and inside a 100m-CPU pod the
 * layout's two UTF-16 copies and the re-encoding were a visible share of the writer's CPU. The
 * date bytes are reused within a second.
 */
final class SeedEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final byte[] NONE = new byte[0];
    private static final byte[] INFO = ascii(" [INFO] ");
    private static final byte[] WARNING = ascii(" [WARNING] ");
    private static final byte[] ERROR = ascii(" [ERROR] ");
    private static final byte[] DEBUG = ascii(" [DEBUG] ");
    private static final byte[] TRACE = ascii(" [TRACE] ");

    /** Null for the raw encoder. */
    private final ZoneId zone;
    /** The last second formatted and its bytes: replaced whole, so concurrent writers never see half of it. */
    private volatile Second last = new Second(Long.MIN_VALUE, NONE);

    private SeedEncoder(ZoneId zone) {
        this.zone = zone;
    }

    /** The seed's line in this time zone. */
    static SeedEncoder seedLine(ZoneId zone) {
        return new SeedEncoder(zone);
    }

    /** The message and a line end, nothing else. */
    static SeedEncoder raw() {
        return new SeedEncoder(null);
    }

    private record Second(long epochSecond, byte[] text) {
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] message = event.getFormattedMessage().getBytes(StandardCharsets.UTF_8);
        if (zone == null) {
            return concat(NONE, NONE, NONE, message);
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        String client = mdc.isEmpty() ? null : mdc.get("client");
        return concat(date(event.getTimeStamp() / 1000), level(event.getLevel()),
                client == null ? NONE : client.getBytes(StandardCharsets.UTF_8), message);
    }

    private static byte[] concat(byte[] date, byte[] level, byte[] client, byte[] message) {
        byte[] line = new byte[date.length + level.length + client.length + message.length + 1];
        int at = put(date, line, 0);
        at = put(level, line, at);
        at = put(client, line, at);
        line[put(message, line, at)] = '\n';
        return line;
    }

    private static int put(byte[] part, byte[] line, int at) {
        System.arraycopy(part, 0, line, at, part.length);
        return at + part.length;
    }

    private static byte[] level(Level level) {
        return switch (level.toInt()) {
            case Level.INFO_INT -> INFO;
            case Level.WARN_INT -> WARNING;
            case Level.ERROR_INT -> ERROR;
            case Level.DEBUG_INT -> DEBUG;
            default -> TRACE;
        };
    }

    private byte[] date(long epochSecond) {
        Second s = last;
        if (s.epochSecond != epochSecond) {
            s = new Second(epochSecond, ascii(DATE.format(Instant.ofEpochSecond(epochSecond).atZone(zone))));
            last = s;
        }
        return s.text;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
