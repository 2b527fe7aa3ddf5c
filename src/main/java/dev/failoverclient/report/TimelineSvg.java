package dev.failoverclient.report;

import dev.failoverclient.history.LabEvent;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.CensusReport;
import dev.failoverclient.verify.ClientRestarts;
import dev.failoverclient.ledger.Outage;
import dev.failoverclient.verify.Timeline;
import java.util.List;
import java.util.Locale;

/**
 * One client's timeline as inline SVG: write latency over time on a log scale (acknowledged
 * writes as a min–max bar per bucket, refused and unanswered ones as marks at their latency and in
 * a strip above), outages shaded with their durations, and in lab runs the faults with the moments
 * a primary was writable again and the service switched.
 */
final class TimelineSvg {
    static final int WIDTH = 1_100;
    private static final int LEFT = 64;
    private static final int RIGHT = WIDTH - 16;
    private static final int STRIP_TOP = 22;
    private static final int STRIP_BOTTOM = 34;
    private static final int PLOT_TOP = 44;
    private static final int PLOT_BOTTOM = 224;
    private static final int HEIGHT = 252;
    /** Latency axis: 0.1 ms to 10 s. */
    private static final double LOG_MIN = -1;
    private static final double LOG_MAX = 4;
    /** The widest character of an axis label (11 px system-ui), for the room a label needs. */
    private static final double LABEL_CHAR_WIDTH = 7;

    private final Analysis a;
    private final long start;
    private final long span;

    TimelineSvg(Analysis a) {
        this.a = a;
        this.start = a.timeline().startMicros();
        this.span = Math.max(1, a.runEndMicros() - start);
    }

    String render(String client, List<Outage> outages) {
        Timeline.Series s = a.timeline().series(client);
        StringBuilder b = new StringBuilder(16_384);
        b.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"write latency over time for ")
                .append(Html.esc(client)).append("\">");
        b.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(PLOT_TOP).append("\" width=\"")
                .append(RIGHT - LEFT).append("\" height=\"").append(PLOT_BOTTOM - PLOT_TOP).append("\"/>");
        axes(b);
        for (Outage o : outages) {
            double x0 = x(o.startMicros());
            double x1 = x(o.open() ? a.runEndMicros() : o.endMicros());
            b.append("<rect class=\"outage\" x=\"").append(f(x0)).append("\" y=\"").append(STRIP_TOP).append("\" width=\"")
                    .append(f(Math.max(1.5, x1 - x0))).append("\" height=\"").append(PLOT_BOTTOM - STRIP_TOP)
                    .append("\"><title>outage ").append(o.durationMillis(a.runEndMicros())).append(" ms</title></rect>");
            b.append("<text class=\"outage-label\" x=\"").append(f(x0 + 2)).append("\" y=\"").append(STRIP_TOP - 4)
                    .append("\">").append(Html.duration(o.durationMillis(a.runEndMicros())))
                    .append(o.open() ? " (open)" : "").append("</text>");
        }
        ClientRestarts restarts = a.find(ClientRestarts.class);
        if (restarts != null) {
            for (ClientRestarts.Restart r : restarts.restarts()) {
                if (r.client().equals(client)) {
                    double x0 = x(r.downMicros());
                    b.append("<rect class=\"clientdown\" x=\"").append(f(x0)).append("\" y=\"").append(STRIP_TOP)
                            .append("\" width=\"").append(f(Math.max(1.5, x(r.upMicros()) - x0))).append("\" height=\"")
                            .append(PLOT_BOTTOM - STRIP_TOP).append("\"><title>client down ").append(r.durationMillis())
                            .append(" ms (not a database outage)</title></rect>");
                }
            }
        }
        if (a.census() != null) {
            band(b, a.census().noPrimary(), "noprimary", "no writable node");
            band(b, a.census().semisyncOff(), "semisync", "semi-sync off");
            band(b, a.census().splitBrain(), "split", "split brain");
            if (a.census().galera() != null) {
                band(b, a.census().galera().notSynced(), "notsynced", "a node not Synced");
                band(b, a.census().galera().nonPrimary(), "nonprimary", "a node outside the Primary component");
            }
        }
        buckets(b, s);
        for (LabEvent e : a.events()) {
            String cls = switch (e.type()) {
                case LabEvent.FAULT -> "fault";
                case LabEvent.WRITABLE -> "writable";
                case LabEvent.SWITCHED -> "switched";
                default -> null;
            };
            if (cls != null && e.micros() >= start && e.micros() <= a.runEndMicros()) {
                double x = x(e.micros());
                b.append("<line class=\"").append(cls).append("\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
                        .append("\" y1=\"").append(STRIP_TOP).append("\" y2=\"").append(PLOT_BOTTOM)
                        .append("\"><title>").append(Html.esc(e.type() + " (cycle " + e.cycle() + ")"
                                + (e.detail() == null ? "" : ": " + e.detail()))).append("</title></line>");
            }
        }
        return b.append("</svg>").toString();
    }

    /** Census windows as a thin band under the plot. */
    private void band(StringBuilder b, List<CensusReport.Window> windows, String cls, String what) {
        for (CensusReport.Window w : windows) {
            double x0 = x(w.startMicros());
            b.append("<rect class=\"").append(cls).append("\" x=\"").append(f(x0)).append("\" y=\"").append(PLOT_BOTTOM + 1)
                    .append("\" width=\"").append(f(Math.max(1.5, x(w.endMicros()) - x0))).append("\" height=\"4\"><title>")
                    .append(what).append(' ').append(w.durationMillis()).append(" ms</title></rect>");
        }
    }

    /** Acknowledged writes as one path of min–max bars; the others as marks; counts in the strip. */
    private void buckets(StringBuilder b, Timeline.Series s) {
        double bucketWidth = (RIGHT - LEFT) * (double) a.timeline().widthMicros() / span;
        StringBuilder ok = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        StringBuilder unknown = new StringBuilder();
        for (int i = 0; i < Timeline.BUCKETS; i++) {
            double x = LEFT + (i + 0.5) * bucketWidth;
            if (x > RIGHT) {
                break;
            }
            if (s.ok(i) > 0) {
                ok.append('M').append(f(x)).append(' ').append(f(y(s.okMax(i)) - 1)).append('V')
                        .append(f(y(s.okMin(i)) + 1));
            }
            if (s.failed(i) > 0) {
                failed.append('M').append(f(x)).append(' ').append(STRIP_TOP).append('V').append(STRIP_BOTTOM);
                failed.append('M').append(f(x)).append(' ').append(f(y(s.otherMax(i)))).append("h0");
            }
            if (s.unknown(i) > 0) {
                unknown.append('M').append(f(x)).append(' ').append(STRIP_TOP).append('V').append(STRIP_BOTTOM);
                unknown.append('M').append(f(x)).append(' ').append(f(y(s.otherMax(i)))).append("h0");
            }
        }
        String stroke = f(Math.max(1.2, Math.min(4, bucketWidth)));
        path(b, "ok", ok, stroke);
        path(b, "failed", failed, stroke);
        path(b, "unknown", unknown, stroke);
    }

    private static void path(StringBuilder b, String cls, StringBuilder d, String stroke) {
        if (d.length() > 0) {
            b.append("<path class=\"").append(cls).append("\" stroke-width=\"").append(stroke).append("\" d=\"").append(d)
                    .append("\"/>");
        }
    }

    private void axes(StringBuilder b) {
        String[] labels = {"0.1 ms", "1 ms", "10 ms", "100 ms", "1 s", "10 s"};
        for (int i = 0; i < labels.length; i++) {
            double y = y((float) Math.pow(10, LOG_MIN + i));
            b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\"/><text class=\"axis\" x=\"")
                    .append(LEFT - 6).append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\">")
                    .append(labels[i]).append("</text>");
        }
        long step = tickStep(span);
        for (long t = 0; t <= span; t += step) {
            double x = LEFT + (RIGHT - LEFT) * (double) t / span;
            String label = "+" + tick(t, step);
            // A label centred on a tick near the right edge would be cut there: it ends at its tick instead.
            boolean atEdge = x + label.length() * LABEL_CHAR_WIDTH / 2 > WIDTH;
            b.append("<text class=\"axis time\" x=\"").append(f(x)).append("\" y=\"").append(PLOT_BOTTOM + 16)
                    .append("\" text-anchor=\"").append(atEdge ? "end" : "middle").append("\">").append(label)
                    .append("</text>");
        }
        b.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(STRIP_TOP - 12)
                .append("\">refused / unanswered</text>");
    }

    /** {@code 0 s}, {@code 2.5 s}, {@code 1 min}: whole seconds unless the step is finer. */
    private static String tick(long micros, long step) {
        if (step < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f s", micros / 1e6).replaceAll("0+ s$", " s").replace(". s", " s");
        }
        return micros == 0 ? "0 s" : Html.duration(micros / 1_000);
    }

    /** A round time step giving five to ten ticks over {@code spanMicros}. */
    private static long tickStep(long spanMicros) {
        long[] steps = {100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 30_000_000,
            60_000_000, 300_000_000, 600_000_000, 1_800_000_000L, 3_600_000_000L, 21_600_000_000L, 86_400_000_000L};
        for (long s : steps) {
            if (spanMicros / s <= 10) {
                return s;
            }
        }
        return spanMicros / 10;
    }

    private double x(long micros) {
        return LEFT + (RIGHT - LEFT) * (double) Math.max(0, micros - start) / span;
    }

    private static double y(float ms) {
        double log = Math.log10(Math.max(Math.pow(10, LOG_MIN), ms));
        double clamped = Math.min(LOG_MAX, log);
        return PLOT_BOTTOM - (clamped - LOG_MIN) / (LOG_MAX - LOG_MIN) * (PLOT_BOTTOM - PLOT_TOP);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
