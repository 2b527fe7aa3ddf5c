package dev.failoverclient.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1 for nodes and proxies. */
public final class Ports {
    private Ports() {
    }

    /** A port nothing listens on right now (the kernel's choice of an ephemeral one). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LabException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
