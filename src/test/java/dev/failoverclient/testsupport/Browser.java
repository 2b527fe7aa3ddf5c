package dev.failoverclient.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket, JSON messages): load a
 * page, evaluate JavaScript in it, take a screenshot, and collect what the console reported as an
 * error. Only the JDK's HTTP client and Jackson are used.
 */
public final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private Browser(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium with an empty profile under {@code dir} and attaches to its blank page. */
    public static Browser start(Path dir) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not start: " + Files.readString(dir.resolve("chromium.log")));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) {
                page = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            p.destroyForcibly();
            throw new AssertionError("chromium has no page target: " + targets);
        }
        Listener listener = new Listener();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), listener).get(30, TimeUnit.SECONDS);
        Browser b = new Browser(p, ws);
        listener.browser = b;
        b.call("Runtime.enable", Map.of());
        b.call("Log.enable", Map.of());
        b.call("Page.enable", Map.of());
        return b;
    }

    /** Loads {@code url} at the given viewport width and waits for its load event. */
    public void open(String url, int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        loaded = new CompletableFuture<>();
        call("Page.navigate", Map.of("url", url));
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression in the page (JSON-serialisable). */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page script failed: " + r.get("exceptionDetails"));
        }
        return r.at("/result/value");
    }

    /** A PNG of the whole page. */
    public byte[] screenshot() throws Exception {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return Base64.getDecoder().decode(r.get("data").asText());
    }

    /** Console errors, uncaught exceptions and failed loads the page reported. */
    public List<String> errors() {
        return new ArrayList<>(errors);
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private void receive(JsonNode msg) {
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        JsonNode p = msg.path("params");
        switch (msg.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.at("/exceptionDetails/text").asText());
            case "Runtime.consoleAPICalled" -> {
                if (p.path("type").asText().equals("error")) {
                    errors.add("console.error: " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (p.at("/entry/level").asText().equals("error")) {
                    errors.add("log: " + p.at("/entry/text").asText() + " " + p.at("/entry/url").asText());
                }
            }
            default -> { }
        }
    }

    @Override
    public void close() {
        socket.abort();
        // Chromium's helpers (zygote, renderer, GPU) outlive the main process and keep writing to the
        // profile: a test folder removed while they run is not empty. Every one is stopped and awaited.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            for (ProcessHandle p : all) {
                p.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("chromium did not stop: " + e, e);
        }
    }

    /** Collects the frames of one message, hands whole messages to the browser object. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile Browser browser;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(text.toString());
                    while (browser == null) {
                        Thread.onSpinWait();
                    }
                    browser.receive(msg);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    text.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
