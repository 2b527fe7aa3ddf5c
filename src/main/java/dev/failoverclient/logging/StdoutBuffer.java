package dev.failoverclient.logging;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The process's standard output, buffered: a writer at {@code --write-interval 0} prints thousands
 * of lines a second, and a write(2) for each cost a pod limited to 100m CPU a tenth of its writes
 * (README, Benchmarks). A daemon thread hands whatever is buffered to the operating system every
 * {@link #FLUSH_MILLIS} ms, so a line is at most that late; what must not wait flushes first: a
 * line on stderr ({@link #flushingFirst}), a {@code println} through an auto-flushing stream, the
 * exit ({@link #flush}). Only the process entry point installs it; in-process callers keep the
 * JVM's own {@code System.out}.
 */
public final class StdoutBuffer {
    /** How late a buffered line can reach the operating system. */
    public static final long FLUSH_MILLIS = 100;

    private final PrintStream out;

    private StdoutBuffer(PrintStream out) {
        this.out = out;
    }

    /** Replaces {@code System.out} with a buffered stream over file descriptor 1 and starts its flusher. */
    public static StdoutBuffer install() {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 16_384),
                false, StandardCharsets.UTF_8);
        System.setOut(out);
        StdoutBuffer buffer = new StdoutBuffer(out);
        Thread flusher = new Thread(buffer::flushEveryInterval, "stdout-flush");
        flusher.setDaemon(true);
        flusher.start();
        return buffer;
    }

    /** Hands everything buffered to the operating system now. */
    public void flush() {
        out.flush();
    }

    /**
     * {@code target} (stderr) that first flushes {@code System.out}, so a line on stderr never
     * overtakes the stdout lines printed before it.
     */
    public static OutputStream flushingFirst(OutputStream target) {
        return new FilterOutputStream(target) {
            @Override
            public void write(int b) throws IOException {
                System.out.flush();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                System.out.flush();
                out.write(b, off, len);
            }
        };
    }

    private void flushEveryInterval() {
        try {
            while (true) {
                TimeUnit.MILLISECONDS.sleep(FLUSH_MILLIS);
                out.flush(); // nothing buffered: no write(2)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
