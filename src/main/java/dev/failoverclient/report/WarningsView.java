package dev.failoverclient.report;

import dev.failoverclient.verify.Warnings;
import java.util.Map;

/** What weakens the verdict: {@code ⚠} lines of the text report, JSON {@code warnings} (a list, empty when none). */
final class WarningsView implements View<Warnings> {

    @Override
    public Class<Warnings> type() {
        return Warnings.class;
    }

    @Override
    public void text(Warnings f, StringBuilder b) {
        f.messages().forEach(m -> b.append("⚠ warning: ").append(m).append('\n'));
    }

    @Override
    public void json(Warnings f, Map<String, Object> root) {
        root.put("warnings", f.messages());
    }

    @Override
    public void html(Warnings f, StringBuilder b) {
        if (f.messages().isEmpty()) {
            return;
        }
        b.append("<section id=\"warnings\"><h2>Warnings</h2>");
        f.messages().forEach(m -> b.append("<p class=\"bad\">⚠ ").append(Html.esc(m)).append("</p>"));
        b.append("</section>");
    }
}
