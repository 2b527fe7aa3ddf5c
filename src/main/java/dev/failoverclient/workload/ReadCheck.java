package dev.failoverclient.workload;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.conn.ConnectException;
import dev.failoverclient.conn.Connector;
import dev.failoverclient.conn.FailoverTable;
import dev.failoverclient.conn.Messages;
import dev.failoverclient.ledger.Histograms;
import dev.failoverclient.ledger.LedgerWriter;
import dev.failoverclient.ledger.Micros;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one writer's acknowledged writes back ({@code --read-check}). On the writer's own connection
 * at once: read-your-writes, a write it does not show is a stale read of its own. And, with
 * {@code --read-host} (e.g. the operator's secondary Service), on a thread and a connection of its
 * own: every {@link #POLL_MILLIS} it asks the read endpoint for the rows acknowledged and not yet seen
 * there, and notes how long each took to show; one not shown within the read-check timeout is a
 * stale read. The endpoint's findings go to the writer's ledger through the writer's own thread
 * ({@link #drainInto}), so the ledger keeps one writer.
 */
final class ReadCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.failoverclient.writer");
    /** Where the writer's own connection is named in the ledger's stale reads. */
    private static final String OWN = "own";
    /** How often the read endpoint is asked: the precision of the visibility delays. */
    static final long POLL_MILLIS = 10;
    /** Visibility delays are written to the ledger this often (and at the end). */
    private static final long FLUSH_MICROS = 10_000_000;

    /** An acknowledged attempt: its first sequence, its rows, when it was acknowledged (epoch µs). */
    private record Acked(long first, int rows, long ackedMicros) {
    }

    /** What the writer's thread writes to the ledger. */
    private sealed interface Note permits Stale, Delays {
    }

    private record Stale(long micros, Acked write) implements Note {
    }

    private record Delays(long micros, Histogram delays) implements Note {
    }

    private final String clientId;
    private final Connector connector;
    private final java.util.List<Endpoint> hosts;
    private final String endpoint;
    private final long timeoutMicros;
    private final Clock clock;
    private final WriterListener listener;
    private final int rows;
    private final Queue<Acked> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<Note> notes = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Acked> pending = new ArrayDeque<>();
    /** Polls the read endpoint; {@code null} without one. */
    private final Thread thread;
    private volatile boolean closed;
    private Connector.Session session;
    private Histogram delays = new Histogram(3);
    private long flushedAt;
    private boolean unreachableLogged;

    ReadCheck(String clientId, ClientConfig config, Clock clock, WriterListener listener) {
        this.clientId = clientId;
        this.connector = new Connector(config);
        this.hosts = config.application().readHosts();
        this.endpoint = hosts.stream().map(Endpoint::toString).collect(java.util.stream.Collectors.joining(","));
        this.timeoutMicros = config.application().readCheckTimeout().toNanos() / 1_000;
        this.clock = clock;
        this.listener = listener;
        this.flushedAt = Micros.now(clock);
        this.rows = config.application().transactionRows();
        if (hosts.isEmpty()) {
            this.thread = null;
            return;
        }
        this.thread = new Thread(this::run, "reads-" + clientId);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The writer's thread: the attempt from {@code first} was acknowledged through {@code insert}'s
     * connection at {@code ackedMicros}. Handed to the read endpoint's check, and read back there.
     */
    void acknowledged(Insert insert, long first, long ackedMicros, LedgerWriter ledger) {
        if (thread != null) {
            acknowledged.add(new Acked(first, rows, ackedMicros));
        }
        int found;
        try {
            found = insert.readBack(first);
        } catch (SQLException e) {
            LOG.warn("Cannot read sequence {} back: {}", first, Messages.errorTuple(e));
            return;
        }
        if (found < rows) {
            ledger.staleRead(Micros.now(clock), OWN, first, rows, ackedMicros);
            listener.staleRead(OWN);
            LOG.error("✗ STALE READ: sequence {} was acknowledged but its own connection does not show it", first);
        }
    }

    /** The writer's thread: writes what the check found since the last call. */
    void drainInto(LedgerWriter ledger) {
        for (Note n = notes.poll(); n != null; n = notes.poll()) {
            if (n instanceof Stale s) {
                ledger.staleRead(s.micros(), endpoint, s.write().first(), s.write().rows(), s.write().ackedMicros());
            } else if (n instanceof Delays d) {
                ledger.visibility(d.micros(), endpoint, Histograms.encode(d.delays()));
            }
        }
    }

    private void run() {
        try {
            while (true) {
                // Once closed, the last writes are still judged: each until it shows or its timeout ends.
                boolean closing = closed;
                for (Acked a = acknowledged.poll(); a != null; a = acknowledged.poll()) {
                    pending.add(a);
                }
                try {
                    poll();
                } catch (RuntimeException e) {
                    LOG.warn("Read check on {} failed: {}", endpoint, e.toString());
                }
                if (closing && pending.isEmpty()) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flush(Micros.now(clock));
            if (session != null) {
                session.close();
            }
        }
    }

    private void poll() {
        long now = Micros.now(clock);
        if (now - flushedAt >= FLUSH_MICROS) {
            flush(now);
        }
        if (pending.isEmpty() || !connected()) {
            // While the endpoint cannot be reached, nothing can be said of what it shows.
            pending.removeIf(a -> now - a.ackedMicros() > timeoutMicros);
            return;
        }
        Set<Long> seen = new HashSet<>();
        try {
            FailoverTable.sequences(session.connection(), clientId, pending.getFirst().first(),
                    pending.getLast().first() + pending.getLast().rows() - 1, seen::add);
        } catch (SQLException e) {
            LOG.warn("Read check on {} failed: {}", endpoint, Messages.errorTuple(e));
            session.close();
            session = null;
            return;
        }
        long seenAt = Micros.now(clock);
        pending.removeIf(a -> {
            if (seen.contains(a.first() + a.rows() - 1)) {
                long delay = Math.max(0, seenAt - a.ackedMicros());
                delays.recordValue(delay);
                listener.visible(delay);
                return true;
            }
            if (seenAt - a.ackedMicros() > timeoutMicros) {
                notes.add(new Stale(seenAt, a));
                listener.staleRead("read");
                return true;
            }
            return false;
        });
    }

    private boolean connected() {
        if (session != null) {
            return true;
        }
        for (Endpoint e : hosts) {
            try {
                session = connector.open(e);
                unreachableLogged = false;
                return true;
            } catch (ConnectException ex) {
                if (!unreachableLogged) {
                    LOG.warn("Read check: cannot reach {}: {}", e, ex.getMessage());
                    unreachableLogged = true;
                }
            }
        }
        return false;
    }

    private void flush(long now) {
        if (delays.getTotalCount() > 0) {
            notes.add(new Delays(now, delays));
            delays = new Histogram(3);
        }
        flushedAt = now;
    }

    /**
     * Stops the thread once every write handed to it has shown or timed out (at most the read-check
     * timeout, plus a connect); its last notes wait for {@link #drainInto}.
     */
    @Override
    public void close() {
        closed = true;
        if (thread == null) {
            return;
        }
        try {
            thread.join(timeoutMicros / 1_000 + TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
