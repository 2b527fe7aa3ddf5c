package dev.failoverclient.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on 127.0.0.1 for nodes and proxies. */
public final class Ports {
    private Ports() {
    }

    /** A port nothing listens on right now (the kernel's choice of an ephemeral one). */
    public static int free() {
        return free(1).get(0);
    }

    /**
     * {@code count} distinct free ports: all held open while they are chosen, so the kernel cannot
     * hand out one port twice (asked one by one, a port closed again may come back at once).
     */
    public static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new LabException("no free port on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            }
        }
    }
}
