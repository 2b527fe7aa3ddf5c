package dev.failoverclient.config;

import java.util.ArrayList;
import java.util.List;

/** One server address; {@code host:port} with the port in 1..65535. */
public record Endpoint(String host, int port) {

    /**
     * Parses {@code host[:port],...}; entries without a port get {@code defaultPort}.
     *
     * @throws ConfigException naming the bad entry and the expected form, prefixed by {@code what}
     */
    public static List<Endpoint> parseList(String text, int defaultPort, String what) {
        List<Endpoint> result = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String item = part.trim();
            int colon = item.lastIndexOf(':');
            String host = colon < 0 ? item : item.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? defaultPort : Integer.parseInt(item.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 1 || port > 65_535 || !host.matches("[A-Za-z0-9._\\-\\[\\]:]+")) {
                throw new ConfigException("invalid " + what + " entry '" + item
                        + "': expected host or host:port (port 1 to 65535), separated by commas");
            }
            result.add(new Endpoint(host, port));
        }
        return result;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
