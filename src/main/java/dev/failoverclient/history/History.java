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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run folder read as one history: every writer's ledger and the lab's ground truth, replayed in
 * time order ({@link #replay()}), so each analysis and report consumes one thing. Opening it reads
 * only the ledgers' first lines and the (small) event log; the ledgers are streamed by the replay,
 * each as long as it was when the history was opened (a run still writing is read as of then).
 */
public final class History {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One client's segments, in the order its processes wrote them, and their lengths when opened. */
    private record Segments(String clientId, List<Path> files, List<Long> lengths) {
    }

    private final List<RunFolder> folders;
    private final List<Segments> ledgers;
    private final List<String> clients;
    private final List<LabEvent> events;
    private final boolean live;

    private History(List<RunFolder> folders, List<Segments> ledgers, List<LabEvent> events, boolean live) {
        this.folders = List.copyOf(folders);
        this.ledgers = List.copyOf(ledgers);
        this.clients = ledgers.stream().map(Segments::clientId).toList();
        this.events = List.copyOf(events);
        this.live = live;
    }

    /**
     * Reads the run folder {@code dir}.
     *
     * @param onlyClients the clients to keep (exact ids); empty = every ledger in the folder
     * @throws LedgerException when it is not a run folder, holds no ledger of those clients, or a
     *                         ledger or the event log cannot be read
     */
    public static History read(Path dir, Collection<String> onlyClients) {
        return read(List.of(dir), onlyClients);
    }

    /**
     * Reads several run folders as one history (the folders of a fleet's pods, copied out): each
     * client's ledger must be in one of them only.
     */
    public static History read(List<Path> dirs, Collection<String> onlyClients) {
        List<RunFolder> folders = new ArrayList<>();
        Map<String, SortedMap<Integer, Path>> byClient = new LinkedHashMap<>();
        Map<String, Path> folderOf = new LinkedHashMap<>();
        List<LabEvent> events = new ArrayList<>();
        for (Path dir : dirs.stream().map(d -> d.toAbsolutePath().normalize()).distinct().toList()) {
            if (!Files.isDirectory(dir)) {
                throw new LedgerException("run folder " + dir + " does not exist or is not a folder");
            }
            RunFolder folder = new RunFolder(dir);
            folders.add(folder);
            for (Path file : folder.ledgers()) {
                try (LedgerStream s = new LedgerStream(file)) {
                    if (!onlyClients.isEmpty() && !onlyClients.contains(s.clientId())) {
                        continue;
                    }
                    Path other = folderOf.putIfAbsent(s.clientId(), dir);
                    if (other != null && !other.equals(dir)) {
                        throw new LedgerException("client " + s.clientId() + " has ledgers in " + other + " and in "
                                + dir + ": give each client's folder once");
                    }
                    Path twice = byClient.computeIfAbsent(s.clientId(), k -> new TreeMap<>()).put(s.segment(), file);
                    if (twice != null) {
                        throw new LedgerException("ledgers " + twice.getFileName() + " and " + file.getFileName()
                                + " in " + dir + " are both segment " + s.segment() + " of client " + s.clientId());
                    }
                }
            }
            events.addAll(readEvents(folder.events()));
        }
        if (byClient.isEmpty()) {
            throw new LedgerException("no ledger" + (onlyClients.isEmpty() ? "" : " of " + onlyClients) + " in "
                    + (dirs.size() == 1 ? dirs.get(0) : dirs) + " (ledger-<client>.jsonl): is it a run folder?"
                    + " Without a ledger, verify --no-ledger checks the rows alone");
        }
        List<Segments> ledgers = new ArrayList<>();
        byClient.forEach((client, segments) -> {
            if (segments.lastKey() != segments.size()) {
                throw new LedgerException("client " + client + " in " + folderOf.get(client) + " has segments "
                        + segments.keySet() + " of its ledger: one is missing");
            }
            List<Path> files = List.copyOf(segments.values());
            ledgers.add(new Segments(client, files, files.stream().map(LedgerStream::size).toList()));
        });
        events.sort(Comparator.comparingLong(LabEvent::micros));
        return new History(folders, ledgers, events, false);
    }

    /** The run of exactly these clients, every segment of each ledger where {@code run} writes it. */
    public static History of(RunFolder folder, List<String> clientIds) {
        return of(folder, clientIds, false);
    }

    /**
     * The same, read while the clients still write (the live endpoint): a ledger without its stop
     * record is a client at work, not a killed one.
     */
    public static History live(RunFolder folder, List<String> clientIds) {
        return of(folder, clientIds, true);
    }

    private static History of(RunFolder folder, List<String> clientIds, boolean live) {
        List<Segments> ledgers = new ArrayList<>();
        for (String id : clientIds) {
            List<Path> files = new ArrayList<>();
            for (int n = 1; n == 1 || Files.exists(folder.ledger(id, n)); n++) {
                Path file = folder.ledger(id, n);
                new LedgerStream(file).close();
                files.add(file);
            }
            ledgers.add(new Segments(id, files, files.stream().map(LedgerStream::size).toList()));
        }
        return new History(List.of(folder), ledgers, readEvents(folder.events()), live);
    }

    /** The (first) run folder: where the report of a run is written. */
    public Path root() {
        return folders.get(0).root();
    }

    /** How many run folders the history was read from. */
    public int folders() {
        return folders.size();
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
        List<ClientLedger> streams = new ArrayList<>();
        List<Source> others = new ArrayList<>();
        try {
            for (Segments s : ledgers) {
                streams.add(new ClientLedger(s.clientId(), s.files(), s.lengths(), live));
            }
            for (RunFolder folder : folders) {
                for (Path census : folder.censuses()) {
                    others.add(new CensusStream(census));
                }
            }
        } catch (RuntimeException e) {
            streams.forEach(ClientLedger::close);
            others.forEach(Source::close);
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
