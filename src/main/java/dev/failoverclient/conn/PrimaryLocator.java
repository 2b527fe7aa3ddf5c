package dev.failoverclient.conn;

import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Endpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a server that accepts writes. With one endpoint (a Service or a proxy in front of the
 * primary) that is the server behind it. With several, every node is probed at once, each with its
 * own timeouts, and the first whose {@code @@read_only} is 0 is taken as soon as it answers: a paused
 * or overloaded old primary that accepts TCP but never answers costs nothing. A node whose probe of
 * an earlier round still hangs is not probed again until it answers. When two nodes answer writable
 * the locator prefers the one it did not return last time, the rule the census uses for a promotion
 * (the node that became writable while the client was away), and logs a possible split brain once
 * per pair. Rounds over several nodes are serialised: writers that reconnect together probe one
 * after another.
 */
public final class PrimaryLocator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.failoverclient.writer");

    private final Connector connector;
    private final List<Endpoint> endpoints;
    /**
     * How long a round waits after an answer for the other nodes' (and, when the writable node is the
     * old primary, for another writable one): the probe interval, at most the connect timeout.
     */
    private final long graceNanos;
    /** The longest one probe can take: both timeouts and a second for scheduling. */
    private final long probeNanos;
    private final BlockingQueue<Probe> answers = new LinkedBlockingQueue<>();
    private final Set<Endpoint> inFlight = new HashSet<>();
    private final Set<String> splitBrainLogged = new HashSet<>();
    private ExecutorService pool;
    private Endpoint last;

    private record Probe(Endpoint endpoint, Connector.Session session, ConnectException error) {
        boolean writable() {
            return session != null && session.identity().writable();
        }
    }

    public PrimaryLocator(Connector connector, ClientConfig config) {
        this(connector, config, config.endpoints());
    }

    /** A locator over {@code endpoints} only, with {@code config}'s timeouts. */
    public PrimaryLocator(Connector connector, ClientConfig config, List<Endpoint> endpoints) {
        this.connector = connector;
        this.endpoints = List.copyOf(endpoints);
        this.graceNanos = Math.min(config.probeInterval().toNanos(), config.connectTimeout().toNanos());
        this.probeNanos = config.connectTimeout().toNanos() + config.socketTimeout().toNanos()
                + TimeUnit.SECONDS.toNanos(1);
    }

    /**
     * Returns an open session on a writable server. Throws when none is writable: with cause
     * {@link Cause#READ_ONLY} if some server answered but all are read-only, otherwise the last
     * connect error (authentication and unknown-database errors are returned at once).
     */
    public Connector.Session locate() throws ConnectException {
        if (endpoints.size() == 1) {
            // Not serialised: writers behind one Service or proxy reconnect side by side, as before.
            Connector.Session s = connector.open(endpoints.get(0));
            if (!s.identity().writable()) {
                s.close();
                throw noneWritable();
            }
            return s;
        }
        synchronized (this) {
            Connector.Session chosen = round();
            last = chosen.identity().endpoint();
            return chosen;
        }
    }

    private Connector.Session round() throws ConnectException {
        // Answers that arrived while no round waited are stale: their read_only may have changed.
        for (Probe p; (p = answers.poll()) != null; ) {
            inFlight.remove(p.endpoint);
            close(p);
        }
        Set<Endpoint> asked = new HashSet<>();
        for (Endpoint e : endpoints) {
            if (inFlight.add(e)) {
                asked.add(e);
                pool().execute(() -> answers.add(probe(e)));
            }
        }
        ConnectException error = null;
        boolean sawReadOnly = false;
        boolean answered = false;
        Probe held = null;
        // The round ends when the nodes asked in it have answered, or a grace period after the latest
        // answer: a node that hangs (paused, overloaded) keeps its probe in flight, and its answer
        // counts in whichever round is waiting when it comes, while the others are asked again. Holding
        // the old primary, the round also waits out the grace for probes still in flight from before.
        long deadline = System.nanoTime() + (asked.isEmpty() ? graceNanos : probeNanos);
        while (!inFlight.isEmpty() && (!asked.isEmpty() || !answered || held != null)) {
            long wait = deadline - System.nanoTime();
            Probe p;
            try {
                p = wait <= 0 ? null : answers.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                p = null;
            }
            if (p == null) {
                break;
            }
            asked.remove(p.endpoint);
            inFlight.remove(p.endpoint);
            answered = true;
            deadline = Math.min(deadline, System.nanoTime() + graceNanos);
            if (p.error != null) {
                Cause cause = p.error.classification().cause();
                if (cause == Cause.ACCESS_DENIED || cause == Cause.UNKNOWN_DATABASE) {
                    close(held);
                    throw p.error;
                }
                if (error == null || error.classification().cause() != Cause.TLS) {
                    error = p.error; // a TLS refusal is the more useful report than a node that is down
                }
            } else if (!p.writable()) {
                sawReadOnly = true;
                p.session.close();
            } else if (held != null) {
                if (!p.session.identity().galera()) { // every node of a Galera Primary component is writable
                    splitBrain(held.endpoint, p.endpoint);
                }
                close(held);
                return p.session;
            } else if (p.endpoint.equals(last) && !inFlight.isEmpty()) {
                held = p;
            } else {
                return p.session;
            }
        }
        if (held != null) {
            return held.session;
        }
        if (sawReadOnly) {
            throw noneWritable();
        }
        if (error == null) {
            throw new ConnectException("no answer from " + inFlight + " within the connect and socket timeouts",
                    new Classification(Cause.UNREACHABLE, false, true), null);
        }
        throw error;
    }

    private Probe probe(Endpoint endpoint) {
        try {
            return new Probe(endpoint, connector.open(endpoint), null);
        } catch (ConnectException e) {
            return new Probe(endpoint, null, e);
        } catch (RuntimeException e) {
            return new Probe(endpoint, null, new ConnectException("cannot probe " + endpoint + ": " + e,
                    new Classification(Cause.UNREACHABLE, false, true), null));
        }
    }

    private void splitBrain(Endpoint old, Endpoint other) {
        if (splitBrainLogged.add(old + " " + other)) {
            LOG.warn("⚠ Possible split brain: {} and {} both accept writes (read_only=0); writing to {}, the one that"
                    + " became writable while this client was away", old, other, other);
        }
    }

    private ConnectException noneWritable() {
        return new ConnectException("no writable server among " + endpoints + ": read_only=1 (or, on Galera, outside"
                + " the Primary component) on " + (endpoints.size() == 1 ? "it" : "every reachable one"),
                new Classification(Cause.READ_ONLY, false, true), null);
    }

    private static void close(Probe p) {
        if (p != null && p.session != null) {
            p.session.close();
        }
    }

    private ExecutorService pool() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "probe-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** Stops the probe threads; a probe still hanging ends with its own timeout. */
    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdown();
        }
        for (Probe p; (p = answers.poll()) != null; ) {
            close(p);
        }
    }
}
