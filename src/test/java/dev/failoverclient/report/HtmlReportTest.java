package dev.failoverclient.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failoverclient.testsupport.Runs;
import dev.failoverclient.verify.Analysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report as text: self-contained, escaped, and as large for a long run as for a short one. */
class HtmlReportTest {
    @TempDir
    Path dir;

    private static String render(Analysis a) {
        return HtmlReport.render(a, "run x", Map.of("user", "app"), List.of());
    }

    @Test
    void fetchesNothingAndEscapesWhatUsersTyped() {
        String evil = "<script>alert(1)</script>\"'&";
        Runs.ledger(dir, evil, 1, "OOFFOO");
        String html = render(Runs.analyse(dir, Runs.node("p", Map.of(evil, new long[] {1, 2, 5})), List.of(),
                false));

        // No URL that a browser would fetch: the only one is the SVG namespace, an identifier.
        assertThat(Pattern.compile("(src|href)\\s*=|url\\(|@import|<script|<link").matcher(html).find()).isFalse();
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://", "https://");
        assertThat(html).doesNotContain(evil).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;");
        assertThat(html).contains("<p class=\"verdict fail\" id=\"verdict\">FAIL</p>")
                .contains("Verdict: FAIL (lost 1)")
                .contains("<span class=\"n\" id=\"outage-count\">1</span>")
                .contains("<svg class=\"timeline\"");
    }

    @Test
    void theReportDoesNotGrowWithTheRun() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        Path large = Files.createDirectories(dir.resolve("large"));
        Runs.ledger(small, "c", 1, "O".repeat(1_000) + "F".repeat(10) + "O".repeat(1_000));
        Runs.ledger(large, "c", 1, "O".repeat(100_000) + "F".repeat(10) + "O".repeat(100_000));
        int smallSize = render(Runs.analyse(small, null, List.of(), false)).length();
        int largeSize = render(Runs.analyse(large, null, List.of(), false)).length();
        assertThat(largeSize).isLessThan(smallSize * 2).isLessThan(200_000);
    }
}
