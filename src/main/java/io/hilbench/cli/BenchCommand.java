package io.hilbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bench} command line (DESIGN §11). Exit codes everywhere: 0 success, 1 a check or scenario
 * failed, 2 usage or configuration error, 3 inconclusive. This is the only place that calls System.exit.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = BenchCommand.Version.class,
        description = "HIL bench for a transcritical CO2 district-heating heat pump: plant emulator over Modbus TCP and OPC UA.",
        subcommands = {ServeCommand.class, SoakCommand.class, RunCommand.class, ControllerCommand.class, CheckRigCommand.class, FluidCommand.class, RatingCommand.class, SimulateCommand.class, PkiCommand.class, FuzzCommand.class, VerifyEvidenceCommand.class, ReportCommand.class, MergeCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INCONCLUSIVE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** The command tree, for main and for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setExitCodeExceptionMapper(t -> USAGE);
        cl.setParameterExceptionHandler((ex, args) -> {
            java.io.PrintWriter err = ex.getCommandLine().getErr();
            err.println("bench: " + ex.getMessage());
            String hint = DidYouMean.hint(ex);
            if (!hint.isEmpty()) err.println("bench: " + hint.replace("\n", "\nbench: "));
            err.flush();
            return USAGE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bench " + io.hilbench.BenchVersion.get()};
        }
    }
}
