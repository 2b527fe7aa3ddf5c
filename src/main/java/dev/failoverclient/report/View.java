package dev.failoverclient.report;

import dev.failoverclient.verify.Analysis;
import dev.failoverclient.verify.Finding;
import java.util.List;
import java.util.Map;

/**
 * How one kind of finding is shown in every report: a few lines of the text report, its keys in the
 * JSON summary, a section of the HTML report. A new kind of finding brings its check (verify) and
 * its view (here, listed in {@link #ALL}); the reports show every view's finding in turn.
 */
interface View<T extends Finding> {

    /** Every view, in the order the reports show them. */
    List<View<?>> ALL = List.of(new WarningsView(), new ClientRestartsView(), new AcknowledgedByView(),
            new ApplicationView(), new ReadsView());

    Class<T> type();

    void text(T finding, StringBuilder b);

    void json(T finding, Map<String, Object> root);

    void html(T finding, StringBuilder b);

    /** Each view's text for the findings {@code a} holds. */
    static void allText(Analysis a, StringBuilder b) {
        ALL.forEach(v -> v.textOf(a, b));
    }

    static void allJson(Analysis a, Map<String, Object> root) {
        ALL.forEach(v -> v.jsonOf(a, root));
    }

    static void allHtml(Analysis a, StringBuilder b) {
        ALL.forEach(v -> v.htmlOf(a, b));
    }

    private void textOf(Analysis a, StringBuilder b) {
        T f = a.find(type());
        if (f != null) {
            text(f, b);
        }
    }

    private void jsonOf(Analysis a, Map<String, Object> root) {
        T f = a.find(type());
        if (f != null) {
            json(f, root);
        }
    }

    private void htmlOf(Analysis a, StringBuilder b) {
        T f = a.find(type());
        if (f != null) {
            html(f, b);
        }
    }
}
