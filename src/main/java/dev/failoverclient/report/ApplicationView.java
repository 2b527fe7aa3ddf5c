package dev.failoverclient.report;

import dev.failoverclient.ledger.Micros;
import dev.failoverclient.verify.Application;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pool the writers borrowed from (JSON {@code pool} {@code {kind, size, evict_on}}) and, when it
 * kept handing out connections to a read-only node, for how long: the text line
 * {@code ⚠ lab-1: the pool kept handing out connections to a read-only node for 8123 ms (160 writes refused)}.
 */
final class ApplicationView implements View<Application> {
    /** A run of read-only refusals shorter than this is a failover's normal moment, not a stuck pool. */
    private static final long STUCK_MILLIS = 1_000;

    @Override
    public Class<Application> type() {
        return Application.class;
    }

    @Override
    public void text(Application f, StringBuilder b) {
        for (Application.Stuck s : f.stuck()) {
            if (s.durationMillis() >= STUCK_MILLIS) {
                b.append("⚠ ").append(s.client()).append(": the pool kept handing out connections to a read-only node"
                        + " for ").append(s.durationMillis()).append(" ms (").append(s.attempts())
                        .append(" writes refused read-only")
                        .append(f.evictOnReadOnly() ? ")" : "; --pool-evict-on read-only retires such connections)")
                        .append('\n');
            }
        }
    }

    @Override
    public void json(Application f, Map<String, Object> root) {
        if (!f.pooled()) {
            return;
        }
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("kind", f.pool());
        pool.put("size", f.poolSize());
        pool.put("evict_on", f.evictOnReadOnly() ? "read-only" : "none");
        pool.put("stuck_on_read_only", f.stuck().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", s.client());
            m.put("start", Micros.iso(s.fromMicros()));
            m.put("end", Micros.iso(s.toMicros()));
            m.put("duration_ms", s.durationMillis());
            m.put("attempts", s.attempts());
            return m;
        }).toList());
        root.put("pool", pool);
    }

    @Override
    public void html(Application f, StringBuilder b) {
        if (!f.pooled()) {
            return;
        }
        b.append("<section id=\"pool\"><h2>Connection pool</h2><p>HikariCP, at most ").append(f.poolSize())
                .append(" connections, ").append(f.evictOnReadOnly() ? "retiring connections refused read-only"
                        : "retiring broken connections only (HikariCP's rule)").append(".</p>");
        for (Application.Stuck s : f.stuck()) {
            if (s.durationMillis() >= STUCK_MILLIS) {
                b.append("<p class=\"bad\">⚠ ").append(Html.esc(s.client())).append(": the pool kept handing out"
                        + " connections to a read-only node for ").append(Html.duration(s.durationMillis()))
                        .append(" (").append(s.attempts()).append(" writes refused read-only, from ")
                        .append(Micros.iso(s.fromMicros())).append(").</p>");
            }
        }
        b.append("</section>");
    }
}
