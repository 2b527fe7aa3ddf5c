package dev.failoverclient.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a run folder: {@code ledger-<client>.jsonl} per client, {@code census.jsonl} (nodes
 * watched), {@code events.jsonl} (lab), {@code summary.json} and {@code report.html}. Client ids are
 * made file-name safe. A client started again in its folder continues its history in a new segment,
 * {@code ledger-<client>+2.jsonl} and so on ({@code +} is never part of a safe id), and its census
 * in {@code census+2.jsonl}.
 */
public record RunFolder(Path root) {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** {@code runs/<UTC timestamp>-<client id>} under the working directory, as an absolute path. */
    public static RunFolder defaultFor(Instant now, String clientId) {
        return new RunFolder(Path.of("runs", STAMP.format(now) + "-" + safe(clientId)).toAbsolutePath());
    }

    /** Creates the folder; fails with one line when it cannot be created or written. */
    public RunFolder create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LedgerException("cannot create run folder " + root + ": " + describe(e), e);
        }
        if (!Files.isWritable(root)) {
            throw new LedgerException("run folder " + root + " is not writable: choose another with --run-dir");
        }
        return this;
    }

    public Path ledger(String clientId) {
        return ledger(clientId, 1);
    }

    /** Segment {@code segment} (1, 2, …) of the client's ledger: one per process that wrote it. */
    public Path ledger(String clientId, int segment) {
        return root.resolve("ledger-" + safe(clientId) + (segment == 1 ? "" : "+" + segment) + ".jsonl");
    }

    public Path events() {
        return root.resolve("events.jsonl");
    }

    public Path summary() {
        return root.resolve("summary.json");
    }

    public Path census() {
        return census(1);
    }

    /** The census of the {@code segment}th process that ran in this folder. */
    public Path census(int segment) {
        return root.resolve(segment == 1 ? "census.jsonl" : "census+" + segment + ".jsonl");
    }

    /** The census file a new process writes: the first that does not exist yet. */
    public Path nextCensus() {
        int n = 1;
        while (Files.exists(census(n))) {
            n++;
        }
        return census(n);
    }

    /** Every census file in the folder, in the order the processes wrote them. */
    public List<Path> censuses() {
        List<Path> all = new java.util.ArrayList<>();
        for (int n = 1; Files.exists(census(n)); n++) {
            all.add(census(n));
        }
        return all;
    }

    public Path report() {
        return root.resolve("report.html");
    }

    /** Every ledger file in the folder, segments included, sorted by file name. */
    public List<Path> ledgers() {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("ledger-") && name.endsWith(".jsonl");
            }).sorted().toList();
        } catch (IOException e) {
            throw new LedgerException("cannot list run folder " + root + ": " + describe(e), e);
        }
    }

    static String safe(String clientId) {
        String safe = clientId.replaceAll("[^A-Za-z0-9._-]", "_");
        // Two ids that differ only in replaced characters must not share a file; file names stay
        // well under the 255-byte limit of common file systems.
        if (safe.equals(clientId) && safe.length() <= 100) {
            return safe;
        }
        return safe.substring(0, Math.min(safe.length(), 80)) + "-" + Integer.toHexString(clientId.hashCode());
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "a parent folder cannot be created there";
        }
        return String.valueOf(e.getMessage());
    }
}
