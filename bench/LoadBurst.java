import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Load for bench/endpoint-load.sh: for SECONDS, every PAUSE_MS a burst of CONCURRENT requests to the
 * live endpoint at BASE, spread over its paths, all at once; prints how many were answered (any
 * HTTP status) and how many got no answer (reset, timeout).
 * java bench/LoadBurst.java BASE SECONDS CONCURRENT PAUSE_MS
 */
public class LoadBurst {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        int concurrent = Integer.parseInt(args[2]);
        long pause = Long.parseLong(args[3]);
        String[] paths = {"/metrics", "/verdict", "/status", "/healthz", "/"};
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long answered = 0;
        long unanswered = 0;
        int bursts = 0;
        while (System.nanoTime() < end) {
            List<CompletableFuture<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + paths[i % paths.length]))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding())
                        .thenApply(r -> true).exceptionally(e -> false));
            }
            for (CompletableFuture<Boolean> c : calls) {
                if (c.join()) {
                    answered++;
                } else {
                    unanswered++;
                }
            }
            bursts++;
            Thread.sleep(pause);
        }
        System.out.printf("bursts %d, answered %d, unanswered %d%n", bursts, answered, unanswered);
    }
}
