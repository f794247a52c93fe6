package io.hilbench.cli;

import io.hilbench.console.ConsoleServer;
import io.hilbench.rig.BenchAssembly;
import io.hilbench.rig.Rig;
import picocli.CommandLine.Option;

/**
 * The live console's options, shared by {@code bench serve}, {@code bench run} and {@code bench simulate --pace}: the port comes from the rig's
 * {@code console} section unless {@code --ui-port} says otherwise; {@code --no-ui} serves no console at all.
 */
public final class ConsoleOptions {
    @Option(names = "--ui-port", paramLabel = "PORT",
            description = "Serve the live console on this port (0 = a free port; default: the rig's console.port, 8480).")
    Integer uiPort;

    @Option(names = "--no-ui", description = "Serve no live console (no HTTP port opened).")
    boolean noUi;

    @Option(names = "--ui-bind", paramLabel = "ADDRESS",
            description = "Address the live console listens on (default: the rig's console.bind, 127.0.0.1: loopback only).")
    String uiBind;

    /**
     * Starts the console over a started bench, or returns null with {@code --no-ui}.
     *
     * @param faultsToken the faults panel's token, or null for none (bench run never has one)
     * @param err         where warnings go (a bind beyond loopback, a fallback to a free port)
     * @param freePortIfTaken take a free port when the rig's port is taken (bench run) instead of failing (bench serve)
     * @throws java.io.IOException when the port is taken (the message names the port and where it came from)
     */
    ConsoleServer start(BenchAssembly bench, String faultsToken, java.io.PrintWriter err, boolean freePortIfTaken) throws java.io.IOException {
        if (noUi) return null;
        return start(bench.rig(), settings -> new ConsoleServer(bench, settings), faultsToken, err, freePortIfTaken);
    }

    /**
     * Starts the console over a paced study ({@code bench simulate --pace}), or returns null with {@code --no-ui}. The
     * rig's port taken: a free one instead, said on {@code err} (an explicit {@code --ui-port} is kept to the letter).
     */
    ConsoleServer start(Rig rig, io.hilbench.console.LiveSource study, java.io.PrintWriter err) throws java.io.IOException {
        if (noUi) return null;
        return start(rig, settings -> new ConsoleServer(study, settings), null, err, true);
    }

    private ConsoleServer start(Rig rig, java.util.function.Function<ConsoleServer.Settings, ConsoleServer> make, String faultsToken,
                                java.io.PrintWriter err, boolean freePortIfTaken) throws java.io.IOException {
        Rig.Console rigConsole = rig.console();
        Rig.Console c = uiBind == null ? rigConsole : new Rig.Console(uiBind, rigConsole.port());
        if (!java.net.InetAddress.getByName(c.bindAddress()).isLoopbackAddress()) {
            err.println("bench: the console listens on " + c.bindAddress() + ", beyond loopback: anyone who can reach it sees the plant");
        }
        int port = uiPort != null ? uiPort : c.port();
        String source = uiPort != null ? "--ui-port" : "rig " + rig.name() + " key console.port";
        ConsoleServer console = make.apply(new ConsoleServer.Settings(c.bindAddress(), port, faultsToken, source));
        try {
            console.start();
        } catch (java.io.IOException e) {
            // bench run: the rig's port taken (another run on this machine, a serve) must not cost the run its
            // scenarios; the console moves to a free port and says so. An explicit --ui-port is kept to the letter.
            if (!freePortIfTaken || uiPort != null || port == 0) throw e;
            err.println("bench: " + e.getMessage() + "; the console takes a free port instead");
            err.flush();
            console = make.apply(new ConsoleServer.Settings(c.bindAddress(), 0, faultsToken, source));
            console.start();
        }
        return console;
    }
}
