package io.hilbench.cli;

import io.hilbench.adapters.opcua.PkiFolders;
import io.hilbench.rig.RigException;
import io.hilbench.rig.RigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bench pki trust FILE}: trusts an OPC UA client certificate (DESIGN §6, §11) by moving it from the PKI
 * folder's {@code rejected/} (or copying it from any other path) into {@code trusted/certs/}; a running server picks
 * it up without a restart. Exit 0 done, 2 usage or configuration error (one line on stderr).
 *
 * <p>The PKI folder is the rig's {@code opcua.pki_dir} ({@code --rig DIR}, default {@code rigs/solrod}), or
 * {@code --pki-dir DIR} when given.
 */
@Command(name = "pki", description = "Manage the OPC UA server's certificate folders.",
        mixinStandardHelpOptions = true, subcommands = {PkiCommand.Trust.class, PkiCommand.HashPassword.class})
public final class PkiCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "trust", description = "Trust a client certificate: move it from rejected/ (or copy it from FILE) into trusted/certs/.",
            mixinStandardHelpOptions = true)
    static final class Trust implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "certificate file (DER or PEM); a bare name is also looked up in rejected/")
        Path file;

        @Option(names = "--rig", paramLabel = "DIR", defaultValue = "rigs/solrod",
                description = "rig whose OPC UA PKI folder to use (default: ${DEFAULT-VALUE})")
        Path rig;

        @Option(names = "--pki-dir", paramLabel = "DIR", description = "the server's PKI folder (overrides the rig's pki_dir)")
        Path pkiDir;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path dir = pkiDir;
                if (dir == null) {
                    try {
                        dir = RigLoader.loadDefault(rig).opcua().pkiDirectory();
                    } catch (RigException e) {
                        e.errors().forEach(err::println);
                        err.flush();
                        return 2;
                    }
                }
                PkiFolders.TrustResult r = new PkiFolders(dir).trust(file);
                out.println(r.describe());
                out.flush();
                return 0;
            } catch (IllegalArgumentException | IOException e) {
                err.println("bench pki trust: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }

    /** {@code bench pki hash-password USER}: reads the password from standard input, prints the users-file line. */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = "Print a users_file line USER:pbkdf2-sha256:... for the password read from standard input (one line).")
    static final class HashPassword implements Callable<Integer> {
        @Parameters(paramLabel = "USER", description = "the OPC UA user name")
        String user;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (user.isBlank() || user.contains(":") || line == null || line.isEmpty()) {
                err.println("bench pki hash-password: give a user name without ':' and the password on standard input");
                err.flush();
                return 2;
            }
            out.println(user + ":" + io.hilbench.adapters.opcua.PasswordHash.hash(line.toCharArray()));
            out.flush();
            return 0;
        }
    }
}
