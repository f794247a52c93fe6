package io.hilbench.cli;

import io.hilbench.adapters.modbus.fuzz.ModbusFuzzer;
import io.hilbench.rig.Rig;
import io.hilbench.rig.RigError;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigFuzzer;
import io.hilbench.rig.RigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bench fuzz}: the long fuzz runs of README "Fuzzing". With {@code --target HOST:PORT}, mutated Modbus TCP
 * frames from several clients at once against a running {@code bench serve} (direct or through its link proxy),
 * every answer checked against the rig's point map ({@link ModbusFuzzer}); with {@code --rig-cases N}, mutated
 * copies of the rig fed to the rig loader ({@link RigFuzzer}). Exit 0 when nothing failed, 1 otherwise.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz a running bench's Modbus TCP server (--target) and/or the rig parsers (--rig-cases).")
public final class FuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "Modbus TCP endpoint of a running `bench serve` (loopback only).")
    String target;

    @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod", description = "The rig the server serves: its point map is the oracle (default: ${DEFAULT-VALUE}).")
    Path rig;

    @Option(names = "--frames", defaultValue = "1000000", description = "Frames to send in all (default: ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--clients", defaultValue = "8", description = "Fuzzing connections at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seed", defaultValue = "1", description = "Seed; the same seed sends the same frames (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-batch", defaultValue = "8", description = "Most frames pipelined in one write burst (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--pid", defaultValue = "0", description = "The server's process id: sample /proc/PID/task and /proc/PID/fd before and after.")
    long pid;

    @Option(names = "--hang-ms", defaultValue = "10000", description = "An answer later than this counts as a hang (default: ${DEFAULT-VALUE}).")
    int hangMs;

    @Option(names = "--rig-cases", defaultValue = "0", description = "Mutated rig folders to load (0 = none).")
    int rigCases;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (target == null && rigCases <= 0) {
            err.println("bench fuzz: give --target HOST:PORT and/or --rig-cases N");
            return BenchCommand.USAGE;
        }
        boolean ok = true;
        if (rigCases > 0) {
            Path models = rig.toAbsolutePath().normalize().getParent().getParent().resolve("plant-models");
            RigFuzzer.Outcome o = new RigFuzzer(rig, models).run(seed, rigCases);
            out.print(o.report());
            out.flush();
            ok &= o.passed();
        }
        if (target != null) {
            int colon = target.lastIndexOf(':');
            if (colon <= 0) {
                err.println("bench fuzz: --target must be HOST:PORT, was " + target);
                return BenchCommand.USAGE;
            }
            String host = target.substring(0, colon);
            if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) {
                err.println("bench fuzz: refusing to fuzz " + host + ": loopback targets only");
                return BenchCommand.USAGE;
            }
            Rig r;
            try {
                r = RigLoader.loadDefault(rig);
            } catch (RigException e) {
                for (RigError error : e.errors()) err.println(error);
                return BenchCommand.USAGE;
            }
            ModbusFuzzer.Options o = new ModbusFuzzer.Options(host, Integer.parseInt(target.substring(colon + 1)), frames, clients, seed,
                    maxBatch, pid, hangMs);
            ModbusFuzzer.Result res = new ModbusFuzzer(r.points(), o).run();
            out.print(res.report());
            out.flush();
            ok &= res.passed();
        }
        return ok ? BenchCommand.OK : BenchCommand.FAILED;
    }
}
