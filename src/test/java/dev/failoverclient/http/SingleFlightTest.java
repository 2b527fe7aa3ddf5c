package dev.failoverclient.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    @Test
    void callersWhileOneComputationRunsShareItsResult() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SingleFlight<Integer> flight = new SingleFlight<>(() -> {
            int n = runs.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n;
        });
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "caller-" + threads.size());
            threads.add(t);
            return t;
        });
        try {
            List<Future<Integer>> results = new ArrayList<>();
            results.add(pool.submit(flight::get));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(flight::get));
            }
            // Every caller waits: the first inside the computation, the seven others on its result.
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 8
                    && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            release.countDown();
            for (Future<Integer> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(runs.get()).isEqualTo(1);
            // Once it is done, the next caller runs a new one.
            assertThat(flight.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureReachesEveryCallerAndTheNextCallTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        SingleFlight<String> flight = new SingleFlight<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("server gone");
            }
            return "ok";
        });
        assertThatThrownBy(flight::get).isInstanceOf(IllegalStateException.class).hasMessage("server gone");
        assertThat(flight.get()).isEqualTo("ok");
    }
}
