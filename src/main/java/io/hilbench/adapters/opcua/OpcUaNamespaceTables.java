package io.hilbench.adapters.opcua;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A server's namespace table, read by the client's owner itself, up to {@value #ATTEMPTS} times (issue #18).
 *
 * <p>Milo reads the table once as the session starts and, when that read times out, only logs a warning
 * ("SessionInitializer: NamespaceTable") and leaves the client's table holding namespace 0 alone: a namespace looked up
 * in it afterwards is simply absent, although the server serves it. Seen twice under load:
 * <ul>
 *   <li>the bench's supervisory link to the controller (session 10's frozen DF-02 run, load ~30: the starting controller
 *       JVM answered 11.4 s after the read was sent, past the 10 s request timeout; the run ended INCONCLUSIVE, "no
 *       namespace … holds the controller map's point");</li>
 *   <li>the reference controller's own plant link ({@code OpcUaControllerIo}) reads the plant's namespace table the same
 *       way once per connection; a late answer there made the connection fail with "serves no namespace" and cost the
 *       controller a reconnect cycle before its first step.</li>
 * </ul>
 * Both clients now read the table through {@link #read}. The table is only read while connecting, before any step of a
 * scenario runs, so a repeated read changes no verdict; a server that never answers still ends the connect with the
 * last error. Each attempt is one Read request bounded by the client's own request timeout.
 */
public final class OpcUaNamespaceTables {
    /** Reads of the table before the connect gives up. */
    public static final int ATTEMPTS = 3;

    private OpcUaNamespaceTables() {}

    /** The table of the server {@code c} is connected to (the client's own table is updated by the read too). */
    public static NamespaceTable read(OpcUaClient c, String url) throws IOException {
        return read(c::readNamespaceTable, url);
    }

    /** As {@link #read(OpcUaClient, String)}, with the read given (one request per call). */
    public static NamespaceTable read(Callable<NamespaceTable> read, String url) throws IOException {
        Exception last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                NamespaceTable t = read.call();
                if (t != null) return t;
                last = new IOException("an empty answer");
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IOException("the namespace table of " + url + " could not be read (" + ATTEMPTS + " attempts): " + last.getMessage(), last);
    }
}
