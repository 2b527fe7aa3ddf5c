package dev.failoverclient.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdoutTest {

    @Test
    void untilTheProcessClaimsDescriptorOneItWritesToSystemOutAsItIsAtEachWrite() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (Stdout stdout = new Stdout()) {
            System.setOut(new PrintStream(new BufferedOutputStream(first), false, StandardCharsets.UTF_8));
            stdout.write("✓ one\n".getBytes(StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new BufferedOutputStream(second), false, StandardCharsets.UTF_8));
            stdout.write("two\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
        // Flushed at once: the capturing streams are buffered and never flushed by the test.
        assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("✓ one\n");
        assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("two\n");
    }
}
