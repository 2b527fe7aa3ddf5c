package dev.failoverclient.lab;

import dev.failoverclient.config.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that plays the Kubernetes {@code <name>-primary} Service: each new
 * connection goes to the current target; existing connections stay on the target they were opened
 * to (as kube-proxy's conntrack does) until {@link #resetAll()} closes them with a TCP RST (an
 * Istio gateway's behaviour) or a blackhole ({@link #stall}) stops forwarding in both directions,
 * for new connections too.
 */
public final class ServiceProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final Object stallLock = new Object();
    private final Thread acceptor;
    private volatile Endpoint target;
    private volatile boolean stalled;
    private volatile boolean closed;

    public ServiceProxy(Endpoint target) {
        this(target, 0, null);
    }

    /**
     * A proxy listening on {@code port} of 127.0.0.1 (0: a free one); {@code flag} is the option that
     * chose it, named when the port cannot be had.
     */
    ServiceProxy(Endpoint target, int port, String flag) {
        this.target = target;
        try {
            listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new LabException("cannot open the service proxy on 127.0.0.1" + (port == 0 ? "" : ":" + port) + ": "
                    + e.getMessage() + (flag == null ? "" : " (choose another " + flag + ")"), e);
        }
        acceptor = new Thread(this::acceptLoop, "service-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Endpoint endpoint() {
        return new Endpoint("127.0.0.1", listener.getLocalPort());
    }

    /** New connections go to {@code next}; open ones stay where they are. */
    public void route(Endpoint next) {
        target = next;
    }

    /** Closes every open connection with a TCP RST on the client side. */
    public void resetAll() {
        for (Link link : links) {
            link.reset();
        }
    }

    /**
     * Starts or ends a blackhole: bytes are accepted but nothing is forwarded, on open and new
     * connections. At the end, connections caught in it are reset (their peers gave up on them).
     */
    public void stall(boolean on) {
        synchronized (stallLock) {
            if (!on) {
                // Reset before waking the pumps, so no byte held during the stall is forwarded.
                resetAll();
            }
            stalled = on;
            stallLock.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Link link = new Link(ids.incrementAndGet(), client);
            links.add(link);
            Thread t = new Thread(link::open, "service-proxy-link-" + link.id);
            t.setDaemon(true);
            t.start();
        }
    }

    private void awaitNotStalled() throws InterruptedException {
        synchronized (stallLock) {
            while (stalled && !closed) {
                stallLock.wait();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stall(false);
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        resetAll();
    }

    /** One client connection and its upstream. */
    private final class Link {
        final int id;
        final Socket client;
        volatile Socket upstream;

        Link(int id, Socket client) {
            this.id = id;
            this.client = client;
        }

        void open() {
            try {
                awaitNotStalled();
                Endpoint to = target;
                Socket up = new Socket();
                up.connect(new InetSocketAddress(to.host(), to.port()), 2_000);
                upstream = up;
                Thread down = new Thread(() -> pump(up, client), "service-proxy-link-" + id + "-down");
                down.setDaemon(true);
                down.start();
                pump(client, up);
            } catch (IOException e) {
                reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset();
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitNotStalled();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed or was reset
            } finally {
                reset();
            }
        }

        void reset() {
            links.remove(this);
            try {
                client.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            closeQuietly(client);
            if (upstream != null) {
                closeQuietly(upstream);
            }
        }

        private void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
