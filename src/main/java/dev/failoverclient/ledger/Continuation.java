package dev.failoverclient.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run folder already holds for the clients about to write in it: a client started again in
 * its folder (a restarted pod, a killed process) continues its history in a new ledger segment,
 * after the highest sequence any earlier segment attempted. Only the start records and the tail of
 * each client's last segment are read, so a long history costs nothing at startup (and an empty
 * folder nothing at all: no parser is made). A folder that holds another client's ledger, or a
 * ledger this build does not write, is refused with one line.
 *
 * @param previous per client with earlier segments, what they left; clients without are absent
 */
public record Continuation(Map<String, Previous> previous) {
    /** How much of a segment's end is read at first to find its last attempt. */
    private static final int TAIL_BYTES = 64 * 1024;

    public Continuation {
        previous = Map.copyOf(previous);
    }

    /**
     * The earlier segments of one client.
     *
     * @param segments     how many there are: the next one is {@code segments + 1}
     * @param lastSequence the highest sequence they attempted, 0 when none
     * @param lastMicros   the time of the last segment's last record: when the client went down
     * @param stopped      whether that segment ended with a stop record (a clean stop, not a kill)
     */
    public record Previous(int segments, long lastSequence, long lastMicros, boolean stopped) {
    }

    /** The segment the client writes now. */
    public int segment(String clientId) {
        Previous p = previous.get(clientId);
        return p == null ? 1 : p.segments() + 1;
    }

    /** The highest sequence an earlier segment attempted, 0 when none. */
    public long lastSequence(String clientId) {
        Previous p = previous.get(clientId);
        return p == null ? 0 : p.lastSequence();
    }

    /** Reads what {@code folder} holds for {@code clientIds}; refuses another client's ledger or format. */
    public static Continuation of(RunFolder folder, Collection<String> clientIds) {
        Map<String, Integer> segments = new LinkedHashMap<>();
        List<Path> files = folder.ledgers();
        JsonFactory json = files.isEmpty() ? null : new JsonFactory();
        for (Path file : files) {
            Record start = start(json, file);
            String client = start.client;
            if (start.format != LedgerWriter.FORMAT) {
                throw new LedgerException("run folder " + folder.root() + " holds " + file.getFileName()
                        + ", a ledger of another format than this build writes: choose another --run-dir");
            }
            if (!clientIds.contains(client)) {
                throw new LedgerException("run folder " + folder.root() + " holds a ledger of another client ("
                        + client + "): choose another --run-dir, or give the clients that wrote it");
            }
            segments.merge(client, 1, Integer::sum);
        }
        Map<String, Previous> previous = new LinkedHashMap<>();
        segments.forEach((client, count) -> {
            for (int n = 1; n <= count; n++) {
                if (!Files.exists(folder.ledger(client, n))) {
                    throw new LedgerException("run folder " + folder.root() + " lacks " + folder.ledger(client, n)
                            .getFileName() + " of client " + client + " (it holds " + count + " segments)");
                }
            }
            long last = 0;
            Tail newest = null;
            for (int n = count; n >= 1 && last == 0; n--) {
                Tail t = tail(json, folder.ledger(client, n));
                newest = newest == null ? t : newest;
                last = t.lastSequence();
            }
            previous.put(client, new Previous(count, last, newest.lastMicros(), newest.stopped()));
        });
        return new Continuation(previous);
    }

    private static Record start(JsonFactory json, Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            Record start = line == null ? null : record(json, line);
            if (start == null || !"start".equals(start.type)) {
                throw new LedgerException("run folder " + file.getParent() + " holds " + file.getFileName()
                        + ", which does not begin with a ledger's start record: choose another --run-dir");
            }
            return start;
        } catch (IOException e) {
            throw new LedgerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last attempt and the last record of one segment. */
    private record Tail(long lastSequence, long lastMicros, boolean stopped) {
    }

    /**
     * Reads the segment's end, more of it while no attempt shows: the last begin's last sequence,
     * the last whole record's time and whether it is a stop. A cut-short last line is skipped.
     */
    private static Tail tail(JsonFactory json, Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            for (long bytes = TAIL_BYTES; ; bytes *= 4) {
                long from = Math.max(0, size - bytes);
                byte[] buf = new byte[(int) (size - from)];
                f.seek(from);
                f.readFully(buf);
                List<String> lines = new ArrayList<>(List.of(new String(buf, StandardCharsets.UTF_8).split("\n")));
                if (from > 0) {
                    lines.remove(0); // the first is probably a part of a line
                }
                Long lastMicros = null;
                boolean stopped = false;
                for (int i = lines.size() - 1; i >= 0; i--) {
                    Record r = record(json, lines.get(i));
                    if (r == null) {
                        continue;
                    }
                    if (lastMicros == null) {
                        lastMicros = r.ts;
                        stopped = "stop".equals(r.type);
                    }
                    if ("begin".equals(r.type)) {
                        return new Tail(r.seq + r.rows - 1, lastMicros, stopped);
                    }
                }
                if (from == 0) {
                    return new Tail(0, lastMicros == null ? 0 : lastMicros, stopped);
                }
            }
        } catch (IOException e) {
            throw new LedgerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The fields of a ledger line this needs. */
    private static final class Record {
        String type;
        String client;
        long ts;
        long seq;
        int rows = 1;
        int format = -1;
    }

    /** One ledger line, or {@code null} when it is none (cut short by a kill). */
    private static Record record(JsonFactory json, String line) {
        if (line.isBlank()) {
            return null;
        }
        try (JsonParser p = json.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Record r = new Record();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "type" -> r.type = p.getText();
                    case "client" -> r.client = p.getText();
                    case "ts" -> r.ts = p.getLongValue();
                    case "seq" -> r.seq = p.getLongValue();
                    case "rows" -> r.rows = p.getIntValue();
                    case "format" -> r.format = p.getIntValue();
                    default -> p.skipChildren();
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT ? r : null;
        } catch (IOException e) {
            return null;
        }
    }
}
