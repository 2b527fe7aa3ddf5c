package dev.failoverclient.cli;

import dev.failoverclient.history.History;
import dev.failoverclient.http.LiveServer;
import dev.failoverclient.report.HtmlReport;
import dev.failoverclient.report.Summary;
import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.verify.Reason;
import dev.failoverclient.workload.Workload;
import dev.failoverclient.workload.WriterStats;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the HTTP endpoint of {@code run} and {@code lab} shows: the writers as they are, and the one
 * analysis on everything written so far (an attempt still in flight counts as UNKNOWN).
 */
final class LiveRun implements LiveServer.Run {
    private final Workload workload;
    private final Supplier<History> history;
    private final Verification.Primary primary;
    private final Supplier<Verification.Outputs> outputs;

    /** @param outputs the title, parameters and nodes the report shows (only those are used) */
    LiveRun(Workload workload, Supplier<History> history, Verification.Primary primary,
            Supplier<Verification.Outputs> outputs) {
        this.workload = workload;
        this.history = history;
        this.primary = primary;
        this.outputs = outputs;
    }

    @Override
    public String state() {
        return workload.state().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<WriterStats.Snapshot> writers() {
        return workload.status();
    }

    @Override
    public LiveServer.Live analyse() {
        if (workload.state() == Workload.State.STARTING) {
            Conclusion c = Conclusion.of(List.of(Reason.unknown("not_started", "writers not started", 1)));
            String why = "the writers have not started yet (waiting for the server)";
            return new LiveServer.Live(c.verdict(), Summary.of(c, why).json(),
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>starting</title></head><body><p>"
                            + c.line() + ": " + why + "</p></body></html>");
        }
        Analysis a = Verification.againstPrimary(history.get(), primary, why -> { });
        Verification.Outputs out = outputs.get();
        return new LiveServer.Live(a.conclusion().verdict(), Summary.of(a).json(),
                HtmlReport.render(a, out.title() + " (live)", out.parameters(), out.nodes()));
    }
}
