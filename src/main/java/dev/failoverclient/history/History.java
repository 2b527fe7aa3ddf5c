package dev.failoverclient.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A run folder read as one history: every writer's ledger and the lab's ground truth, replayed in
 * time order ({@link #replay()}), so each analysis and report consumes one thing. Opening it reads
 * only the ledgers' first lines and the (small) event log; the ledgers are streamed by the replay,
 * each as long as it was when the history was opened (a run still writing is read as of then).
 */
public final class History {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunFolder folder;
    private final List<Path> ledgers;
    /** Each ledger's length when the history was opened: a live ledger is read as of then. */
    private final List<Long> lengths;
    private final List<String> clients;
    private final List<LabEvent> events;

    private History(RunFolder folder, List<Path> ledgers, List<String> clients, List<LabEvent> events) {
        this.folder = folder;
        this.ledgers = List.copyOf(ledgers);
        this.lengths = ledgers.stream().map(LedgerStream::size).toList();
        this.clients = List.copyOf(clients);
        this.events = List.copyOf(events);
    }

    /**
     * Reads the run folder {@code dir}.
     *
     * @param onlyClients the clients to keep (exact ids); empty = every ledger in the folder
     * @throws LedgerException when it is not a run folder, holds no ledger of those clients, or a
     *                         ledger or the event log cannot be read
     */
    public static History read(Path dir, Collection<String> onlyClients) {
        if (!Files.isDirectory(dir)) {
            throw new LedgerException("run folder " + dir + " does not exist or is not a folder");
        }
        RunFolder folder = new RunFolder(dir);
        List<Path> ledgers = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        for (Path file : folder.ledgers()) {
            try (LedgerStream s = new LedgerStream(file)) {
                if (onlyClients.isEmpty() || onlyClients.contains(s.clientId())) {
                    ledgers.add(file);
                    clients.add(s.clientId());
                }
            }
        }
        if (ledgers.isEmpty()) {
            throw new LedgerException("no ledger" + (onlyClients.isEmpty() ? "" : " of " + onlyClients) + " in " + dir
                    + " (ledger-<client>.jsonl): is it a run folder? Without a ledger use --no-ledger");
        }
        return new History(folder, ledgers, clients, readEvents(folder.events()));
    }

    /** The run of exactly these clients, each ledger where {@code run} writes it (a missing one is an error). */
    public static History of(RunFolder folder, List<String> clientIds) {
        List<Path> ledgers = new ArrayList<>();
        for (String id : clientIds) {
            Path file = folder.ledger(id);
            new LedgerStream(file).close();
            ledgers.add(file);
        }
        return new History(folder, ledgers, clientIds, readEvents(folder.events()));
    }

    public Path root() {
        return folder.root();
    }

    /** The writers' ids, in ledger file order. */
    public List<String> clients() {
        return clients;
    }

    /** The lab's ground truth, in time order; empty for a run without a lab. */
    public List<LabEvent> events() {
        return events;
    }

    /** Every entry of the run in time order. Close it when done: it holds the files open. */
    public Replay replay() {
        List<LedgerStream> streams = new ArrayList<>();
        List<Source> others = new ArrayList<>();
        try {
            for (int i = 0; i < ledgers.size(); i++) {
                streams.add(new LedgerStream(ledgers.get(i), lengths.get(i)));
            }
            if (Files.exists(folder.census())) {
                others.add(new CensusStream(folder.census()));
            }
        } catch (RuntimeException e) {
            streams.forEach(LedgerStream::close);
            throw e;
        }
        others.add(new EventSource(events));
        return new Replay(streams, others);
    }

    /** The lab's events, already in memory, as a source of the replay. */
    private static final class EventSource implements Source {
        private final java.util.Iterator<LabEvent> events;

        EventSource(List<LabEvent> events) {
            this.events = events.iterator();
        }

        @Override
        public Entry next() {
            return events.hasNext() ? events.next() : null;
        }

        @Override
        public void close() {
        }
    }

    private static List<LabEvent> readEvents(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<LabEvent> events = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode e;
                try {
                    e = JSON.readTree(lines.get(i));
                } catch (IOException bad) {
                    if (i == lines.size() - 1) {
                        break; // cut short by a kill
                    }
                    throw new LedgerException(file + " line " + (i + 1) + " is not an event record", bad);
                }
                events.add(new LabEvent(e.path("micros").asLong(), e.path("cycle").asInt(), e.path("type").asText(),
                        e.path("node").isNull() ? null : e.path("node").asText(null),
                        e.path("detail").isNull() ? null : e.path("detail").asText(null)));
            }
        } catch (IOException e) {
            throw new LedgerException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return events;
    }
}
