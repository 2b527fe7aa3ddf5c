package dev.failoverclient.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.OutputStream;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's logging, set up in code (found by Logback through {@code META-INF/services}): the
 * seed's lines on stdout ({@link SeedEncoder}, through {@link Stdout}); the statistics block as is,
 * like the seed's {@code print()}; nothing from the driver, whose errors the client reports itself
 * on one line each.
 * An XML configuration would cost the start of a pod limited to 100m CPU a third of a second.
 * {@code -Dlogback.configurationFile=FILE} still replaces all of it.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** The logger of the statistics block. */
    public static final String STATS = "dev.failoverclient.stats";
    /** The root logger's appender, the one {@link #ownStdout()} looks for. */
    private static final String LINES = "LOG";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        OutputStream stdout = new Stdout();
        root.addAppender(appender(context, LINES, SeedEncoder.seedLine(ZoneId.systemDefault()), stdout));
        ch.qos.logback.classic.Logger stats = context.getLogger(STATS);
        stats.setAdditive(false);
        stats.addAppender(appender(context, "RAW", SeedEncoder.raw(), stdout));
        context.getLogger("org.mariadb.jdbc").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Called by the process's entry point only: standard output is the process's own, so the log
     * lines go to descriptor 1 directly. Does nothing under another logging configuration.
     */
    public static void ownStdout() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LINES) instanceof OutputStreamAppender<?> log
                && log.getOutputStream() instanceof Stdout stdout) {
            stdout.direct();
        }
    }

    private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, String name,
                                                                SeedEncoder encoder, OutputStream out) {
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        return appender;
    }
}
