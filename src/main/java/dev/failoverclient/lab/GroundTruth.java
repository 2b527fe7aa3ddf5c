package dev.failoverclient.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.ledger.Micros;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lab did and when: every action is a {@link LabEvent} appended to {@code events.jsonl}
 * (one JSON object per line, handed to the operating system before the method returns). A fault is
 * recorded right before it acts (a pause once its signal is delivered, see {@link PausePrimary}), a
 * recovery once it took effect, so no phase can come out negative or shorter than it was.
 */
public final class GroundTruth implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock;
    private final OutputStream out;
    private final List<LabEvent> events = new ArrayList<>();
    private int cycle;

    /** Creates {@code file}, which must not exist yet (one lab run per run folder). */
    GroundTruth(Path file, Clock clock) {
        this.clock = clock;
        try {
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new LabException("run folder " + file.getParent() + " already holds a run: choose a new --run-dir", e);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Later events belong to repeat cycle {@code n} (1-based). */
    public synchronized void cycle(int n) {
        cycle = n;
    }

    /** Records an event now and returns it. */
    public synchronized LabEvent record(String type, LabNode node, String detail) {
        LabEvent e = new LabEvent(Micros.now(clock), cycle, type, node == null ? null : node.name(), detail);
        events.add(e);
        try {
            out.write(JSON.writeValueAsBytes(e.asMap()));
            out.write('\n');
        } catch (IOException ex) {
            throw new LabException("cannot append to events.jsonl: " + ex.getMessage(), ex);
        }
        return e;
    }

    /** Every event so far (the run folder's history holds the same). */
    public synchronized List<LabEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more will be written
        }
    }
}
