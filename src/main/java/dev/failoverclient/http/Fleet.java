package dev.failoverclient.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.verify.Conclusion;
import dev.failoverclient.verify.Reason;
import dev.failoverclient.verify.Verdict;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One verdict for a fleet of clients: every client pod's {@code /verdict}, asked at once. A name
 * stands for every address it resolves to (a headless Service: one per pod), so a test pod finds the
 * pods without listing them. The fleet passes when every pod that should answer does, with PASS.
 */
public final class Fleet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fleet() {
    }

    /**
     * One pod's answer.
     *
     * @param clients the client ids it writes for; empty without an answer
     * @param verdict {@code null} when it gave none
     * @param detail  its reasons ({@code lost 3, duplicates 1}), or why it gave no verdict
     */
    public record Answer(String address, List<String> clients, Verdict verdict, String detail) {
        /** {@code mariadb-test-client-0 (10.1.2.3:8080): FAIL (lost 3)}. */
        public String line() {
            String who = clients.isEmpty() ? address : String.join(", ", clients) + " (" + address + ")";
            return who + ": " + (verdict == null ? "no verdict (" + detail + ")"
                    : verdict + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
    }

    /**
     * Every address of {@code targets}, asked for its verdict, in address order.
     *
     * @throws UnknownHostException when a name resolves to nothing
     */
    public static List<Answer> ask(List<Endpoint> targets, Duration timeout) throws UnknownHostException {
        Set<String> addresses = new LinkedHashSet<>();
        for (Endpoint t : targets) {
            for (InetAddress a : InetAddress.getAllByName(t.host())) {
                String host = a.getHostAddress();
                addresses.add((host.contains(":") ? "[" + host + "]" : host) + ":" + t.port());
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<Answer>> calls = new ArrayList<>();
        for (String address : addresses) {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + address + "/verdict")).timeout(timeout)
                    .build();
            calls.add(http.sendAsync(get, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> answer(address, r.statusCode(), r.body()))
                    .exceptionally(e -> new Answer(address, List.of(), null, why(e))));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    /** The fleet's verdict: FAIL when a pod failed, else UNKNOWN when one (or an expected one) gave none. */
    public static Conclusion conclusion(List<Answer> answers, int expected) {
        long failed = answers.stream().filter(a -> a.verdict() == Verdict.FAIL).count();
        long silent = answers.stream().filter(a -> a.verdict() == null || a.verdict() == Verdict.UNKNOWN).count()
                + Math.max(0, expected - answers.size());
        return Conclusion.of("fleet of " + Math.max(expected, answers.size()) + " pods", List.of(
                Reason.fails("failed_pods", "pods failed", failed),
                Reason.unknown("pods_without_verdict", "pods without a verdict", silent)));
    }

    private static Answer answer(String address, int status, String body) {
        JsonNode v;
        try {
            v = JSON.readTree(body);
        } catch (IOException e) {
            return new Answer(address, List.of(), null, "HTTP " + status + ", not a verdict");
        }
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(v.path("verdict").asText());
        } catch (IllegalArgumentException e) {
            return new Answer(address, List.of(), null, "HTTP " + status + ", not a verdict");
        }
        List<String> clients = new ArrayList<>();
        v.path("clients").forEach(c -> clients.add(c.asText()));
        List<String> reasons = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.path("reasons").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            reasons.add(r.getKey().replace('_', ' ') + " " + r.getValue().asText());
        }
        return new Answer(address, clients, verdict, String.join(", ", reasons));
    }

    private static String why(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
