package dev.failoverclient.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output for the log lines. At first {@code System.out} as it is at each write, as Logback's
 * console appender does, so that whoever replaced it (a test runner capturing output) still gets
 * the lines. Once the process's entry point claims descriptor 1 ({@link LogConfigurator#ownStdout()}),
 * each line is one write(2) on it: no PrintStream lock and no copy through its buffer, which cost a
 * pod limited to 100m CPU as much as the system call itself. Closing it (Logback stops its appenders
 * at exit) leaves descriptor 1 open for whatever prints after.
 */
final class Stdout extends OutputStream {
    private final FileOutputStream descriptor = new FileOutputStream(FileDescriptor.out);
    private volatile boolean direct;

    /** From now on, write to descriptor 1 itself. */
    void direct() {
        System.out.flush();
        direct = true;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (direct) {
            descriptor.write(b, off, len);
        } else {
            System.out.write(b, off, len);
            System.out.flush();
        }
    }

    @Override
    public void close() {
        // Descriptor 1 belongs to the process, not to the logging.
    }
}
