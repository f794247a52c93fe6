package io.hilbench.cli;

import io.hilbench.rig.Rig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The rig's fixed server ports a run binds (issue #18 item 3): with {@code --controller external} the plant serves on
 * the rig's Modbus and OPC UA ports (an external controller dials them). A second {@code bench run} on the same rig
 * failed deep inside the start with a bare "Address already in use"; it now refuses first, naming the port and who
 * probably holds it. Port 0 (any free port) is never busy. The probe binds and closes at once; the real bind can still
 * lose a race, and then the same words are used ({@link #busyMessage}).
 */
final class FixedPorts {
    /** A server endpoint of the rig: what it is, the bind address and the port. */
    record Endpoint(String what, String host, int port) {
        @Override
        public String toString() { return what + " " + host + ":" + port; }
    }

    private FixedPorts() {}

    /** The rig's plant server endpoints with a fixed port. */
    static List<Endpoint> of(Rig rig) {
        List<Endpoint> out = new ArrayList<>();
        if (rig.modbus() != null && rig.modbus().port() > 0) out.add(new Endpoint("plant Modbus TCP", rig.modbus().bindAddress(), rig.modbus().port()));
        if (rig.opcua() != null && rig.opcua().port() > 0) out.add(new Endpoint("plant OPC UA", rig.opcua().bindAddress(), rig.opcua().port()));
        return out;
    }

    /** The endpoints whose port cannot be bound now (another process listens there). */
    static List<Endpoint> busy(List<Endpoint> endpoints) {
        List<Endpoint> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(e.host()), e.port()));
            } catch (IOException inUse) {
                out.add(e);
            }
        }
        return out;
    }

    /** The refusal: which port, and what to do. */
    static String busyMessage(List<Endpoint> busy) {
        return "the rig's fixed port" + (busy.size() == 1 ? " " : "s ") + String.join(", ", busy.stream().map(Endpoint::toString).toList())
                + (busy.size() == 1 ? " is" : " are") + " already in use (another bench run or bench serve on this rig?): refused before anything started;"
                + " stop the other one, or give this run a rig with other ports";
    }
}
