package dev.failoverclient.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.slf4j.Logger;

/**
 * The client's logging, set up in code (found by Logback through {@code META-INF/services}): the
 * seed's lines on stdout ({@link SeedLayout}); the statistics block as is, like the seed's
 * {@code print()}; nothing from the driver, whose errors the client reports itself on one line each.
 * An XML configuration would cost the start of a pod limited to 100m CPU a third of a second.
 * {@code -Dlogback.configurationFile=FILE} still replaces all of it.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** The logger of the statistics block. */
    public static final String STATS = "dev.failoverclient.stats";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console(context, "LOG", new SeedLayout(ZoneId.systemDefault())));
        ch.qos.logback.classic.Logger stats = context.getLogger(STATS);
        stats.setAdditive(false);
        stats.addAppender(console(context, "RAW", new MessageOnly()));
        context.getLogger("org.mariadb.jdbc").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name,
                                                          LayoutBase<ILoggingEvent> layout) {
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** The message and a line end: the statistics block is printed as it is. */
    private static final class MessageOnly extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            return event.getFormattedMessage() + "\n";
        }
    }
}
