package dev.failoverclient.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failoverclient.ExitCode;
import dev.failoverclient.StopSignal;
import dev.failoverclient.census.Census;
import dev.failoverclient.config.ClientConfig;
import dev.failoverclient.config.Durations;
import dev.failoverclient.config.Endpoint;
import dev.failoverclient.config.LabConfig;
import dev.failoverclient.config.Secret;
import dev.failoverclient.history.History;
import dev.failoverclient.history.LabEvent;
import dev.failoverclient.http.ControlServer;
import dev.failoverclient.http.LiveServer;
import dev.failoverclient.lab.Fault;
import dev.failoverclient.lab.Lab;
import dev.failoverclient.lab.LabException;
import dev.failoverclient.lab.LabNode;
import dev.failoverclient.ledger.LedgerException;
import dev.failoverclient.ledger.RunFolder;
import dev.failoverclient.metrics.NodeMetrics;
import dev.failoverclient.metrics.WriterMetrics;
import dev.failoverclient.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * {@code lab serve}: the lab's cluster kept up for any client until Ctrl-C or SIGTERM, with the lab's
 * faults on demand over HTTP ({@link ControlServer}), the census watching every node (its gauges on
 * {@code /metrics}, its log in the run folder) and the same ground truth as {@code lab}. Faults run
 * one at a time; a fault that cannot apply now answers 409 with the reason. Optionally the lab's own
 * writers ({@code --clients N}), with the live verdict.
 */
final class LabServe implements ControlServer.Plane {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabConfig config;
    private final int clients;
    private final Lab lab;
    private final RunFolder folder;
    private final Secret password;
    private final ReentrantLock faulting = new ReentrantLock();
    /** The faults injected and not healed yet, each with the primary it found: what {@code /heal} undoes. */
    private final List<Map.Entry<Fault, LabNode>> unhealed = new CopyOnWriteArrayList<>();
    /** What holds the lock: a fault's name, or {@code heal}; read by /status without it. */
    private volatile String inProgress;
    private int cycle;
    private volatile LiveRun writers;

    private LabServe(LabConfig config, int clients, Lab lab, RunFolder folder, Secret password) {
        this.config = config;
        this.clients = clients;
        this.lab = lab;
        this.folder = folder;
        this.password = password;
    }

    /**
     * Serves until {@code stop} is raised; exit 0, or with writers their final verdict's code.
     *
     * @param clients the lab's own writers (0: none)
     */
    static ExitCode execute(LabConfig config, int clients, PrintStream out, StopSignal stop) {
        Clock clock = Clock.systemDefaultZone();
        LabStart start = LabStart.prepare(config, clock, "lab-serve");
        long started = System.nanoTime();
        boolean completed = false;
        try (Lab lab = Lab.start(config, start.install(), start.nodesDir(), start.folder().events(), clock,
                start.password())) {
            LabServe serve = new LabServe(config, clients, lab, start.folder(), start.password());
            ExitCode code = serve.serve(clock, out, stop, (System.nanoTime() - started) / 1e9);
            completed = true;
            return code;
        } finally {
            start.clear(config.keep(), completed, out);
        }
    }

    private ExitCode serve(Clock clock, PrintStream out, StopSignal stop, double startSeconds) {
        ClientConfig credentials = config.writers(lab.service().endpoint().toString(), Lab.APP_USER, password,
                Lab.APP_DATABASE, folder.root(), lab.certificates() == null ? null : lab.certificates().ca(),
                lab.readService().endpoint().toString());
        WriterMetrics metrics = new WriterMetrics(credentials.application().transactionRows());
        Thread writing = null;
        try (Census census = Census.start(lab.nodes().stream().map(LabNode::endpoint).toList(), credentials,
                LabConfig.CENSUS_INTERVAL, folder.nextCensus(), clock, out::println,
                new NodeMetrics(metrics.registry()));
             ControlServer control = ControlServer.start(config.httpBind(),
                     config.httpPort() == null ? 0 : config.httpPort(), metrics.registry(), this)) {
            if (clients > 0) {
                Workload workload = new Workload(credentials, folder, clock, stop, metrics::listener);
                writers = new LiveRun(workload, () -> History.live(folder, credentials.clientIds()),
                        Verification.locating(credentials), () -> new Verification.Outputs("lab serve",
                        Map.of(), List.of(), null, null, null, null));
                writing = new Thread(workload::run, "lab-writers");
                writing.start();
            }
            printEndpoints(out, startSeconds, control.port());
            stop.await();
            out.println("Stopping: every node will be stopped");
        } finally {
            if (writing != null) {
                stop.request();
                try {
                    writing.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (writers == null) {
            return ExitCode.PASS;
        }
        lab.restartStoppedForReading();
        LiveServer.Live last = writers.analyse();
        try {
            Files.writeString(folder.summary(), last.summaryJson());
        } catch (IOException e) {
            throw new LedgerException("cannot write " + folder.summary() + ": " + e.getMessage(), e);
        }
        out.println("The lab's writers: " + last.verdict() + " (" + folder.summary() + ")");
        return last.verdict().exitCode();
    }

    private void printEndpoints(PrintStream out, double startSeconds, int port) {
        Endpoint service = lab.service().endpoint();
        out.printf("Lab serving: %d nodes ready in %.1f s (%s), run folder %s%n", config.nodes(), startSeconds,
                config.galera() ? "Galera" : config.replication() + " replication", folder.root());
        out.println("  service (the primary):  " + service);
        out.println("  read endpoint:          " + lab.readService().endpoint());
        List<Endpoint> addresses = lab.endpoints();
        for (int i = 0; i < lab.nodes().size(); i++) {
            out.println("  " + lab.nodes().get(i).name() + ":                 " + addresses.get(i));
        }
        out.println("  user " + Lab.APP_USER + ", password " + password.reveal() + ", database " + Lab.APP_DATABASE
                + (lab.certificates() == null ? "" : ", TLS required, CA " + lab.certificates().ca()));
        out.println("  e.g. mariadb -h " + service.host() + " -P " + service.port() + " -u " + Lab.APP_USER + " -p"
                + password.reveal() + " " + Lab.APP_DATABASE);
        out.println("Control on http://" + config.httpBind() + ":" + port + "/: GET /status, POST /faults/<scenario>"
                + "[?duration=2s] (" + applicable().stream().map(Fault::name).collect(Collectors.joining(", "))
                + "), POST /heal, GET /events, GET /metrics" + (clients > 0 ? ", GET /verdict" : ""));
        out.println("Ctrl-C stops every node.");
    }

    /** The faults this cluster can take at all (its topology, replication and node count). */
    private List<Fault> applicable() {
        return Fault.all().stream().filter(f -> f.topologies().contains(config.topology())
                && (!f.needsSemisync() || "semisync".equals(config.replication()))
                && (!f.promotes() || config.nodes() >= 2)).toList();
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        String doing = inProgress;
        s.put("state", doing == null ? "serving" : doing.equals("heal") ? "healing" : "fault in progress");
        s.put("topology", config.topology());
        s.put("replication", config.galera() ? null : config.replication());
        s.put("service", endpoint(lab.service().endpoint()));
        s.put("read_service", endpoint(lab.readService().endpoint()));
        s.put("user", Lab.APP_USER);
        s.put("password", password.reveal());
        s.put("database", Lab.APP_DATABASE);
        s.put("ca", lab.certificates() == null ? null : lab.certificates().ca().toString());
        s.put("primary", lab.primary().name());
        s.put("fault_in_progress", "heal".equals(doing) ? null : doing);
        s.put("unhealed", unhealed.stream().map(e -> e.getKey().name()).toList());
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Endpoint> addresses = lab.endpoints();
        for (int i = 0; i < lab.nodes().size(); i++) {
            LabNode n = lab.nodes().get(i);
            Map<String, Object> m = endpoint(addresses.get(i));
            m.put("name", n.name());
            m.put("server_id", n.serverId());
            m.put("role", config.galera() ? "galera" : n == lab.primary() ? "primary" : "replica");
            m.put("running", n.running());
            m.put("paused", lab.paused(n));
            nodes.add(m);
        }
        s.put("nodes", nodes);
        s.put("faults", applicable().stream().map(Fault::name).toList());
        s.put("run_folder", folder.root().toString());
        return s;
    }

    private static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", e.host());
        m.put("port", e.port());
        return m;
    }

    @Override
    public ControlServer.Answer inject(String name, String durationText) {
        Fault fault = Fault.named(name);
        if (fault == null) {
            return ControlServer.Answer.of(404, "error", "unknown fault '" + name + "': one of "
                    + applicable().stream().map(Fault::name).collect(Collectors.joining(", ")));
        }
        Duration duration = durationText == null ? config.faultDuration() : Durations.parse(durationText);
        if (duration == null || duration.isZero()) {
            return ControlServer.Answer.of(400, "error", "invalid duration '" + durationText + "': e.g. 2s or 500ms");
        }
        if (!faulting.tryLock()) {
            return busy();
        }
        try {
            // Asked under the lock: no other fault changes the cluster meanwhile.
            String why = lab.cannotInject(fault);
            if (why != null) {
                return ControlServer.Answer.of(409, "error", why);
            }
            inProgress = name;
            lab.truth().cycle(++cycle);
            int before = lab.truth().events().size();
            lab.truth().record(LabEvent.SCHEDULED, null, name + " (POST /faults, cycle " + cycle + ")");
            LabNode former = lab.primary();
            // Listed before it acts: a fault that fails half-way (a node killed, the failover not done)
            // is still healed by POST /heal.
            unhealed.add(Map.entry(fault, former));
            fault.inject(lab, duration);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("fault", name);
            body.put("cycle", cycle);
            body.put("primary", lab.primary().name());
            List<LabEvent> events = lab.truth().events();
            body.put("events", events.subList(before, events.size()).stream().map(LabEvent::asMap).toList());
            return new ControlServer.Answer(200, body);
        } catch (LabException e) {
            return ControlServer.Answer.of(500, "error", name + " failed: " + e.getMessage());
        } finally {
            inProgress = null;
            faulting.unlock();
        }
    }

    /** Faults and heals run one at a time. */
    private ControlServer.Answer busy() {
        String doing = inProgress;
        return ControlServer.Answer.of(409, "error", "heal".equals(doing) ? "a heal is in progress"
                : "a fault is in progress: " + doing);
    }

    @Override
    public ControlServer.Answer heal() {
        if (!faulting.tryLock()) {
            return busy();
        }
        try {
            inProgress = "heal";
            List<String> healed = new ArrayList<>();
            while (!unhealed.isEmpty()) {
                Map.Entry<Fault, LabNode> e = unhealed.get(0);
                e.getKey().heal(lab, e.getValue());
                unhealed.remove(0); // healed once: a heal that fails later does not heal it again
                healed.add(e.getKey().name());
            }
            return ControlServer.Answer.of(200, "healed", healed);
        } catch (LabException e) {
            return ControlServer.Answer.of(500, "error", "heal failed: " + e.getMessage());
        } finally {
            inProgress = null;
            faulting.unlock();
        }
    }

    @Override
    public String events() {
        StringBuilder b = new StringBuilder();
        for (LabEvent e : lab.truth().events()) {
            try {
                b.append(JSON.writeValueAsString(e.asMap())).append('\n');
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return b.toString();
    }

    @Override
    public LiveServer.Live verdict() {
        return writers == null ? null : writers.analyse();
    }
}
