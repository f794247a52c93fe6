package io.hilbench.adapters.opcua;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server certificate is created once per PKI folder even when several servers start on the same folder at the
 * same moment: mvn verify runs test classes in parallel forks, each starting the plant's OPC UA server and a reference
 * controller child on the default {@code ~/.hilbench/pki/<rig>} folder. Without the lock a second server read a
 * half-written key, or found only one of cert.der and key.pem and refused to start; and two created certificates
 * would leave clients trusting one the server no longer presents (OPC UA Part 4 §5.6.2: the client checks the
 * server's certificate against the one it trusts).
 */
class PkiFoldersConcurrencyTest {
    private static final String URI = "urn:hilbench:test:plant";

    /** Child-process entry: creates or loads the certificate in args[0] and prints its SHA-1 thumbprint. */
    public static void main(String[] args) throws Exception {
        PkiFolders.OwnCertificate own = new PkiFolders(Paths.get(args[0])).loadOrCreateOwnCertificate(URI, "test", Set.of("127.0.0.1"));
        System.out.println("thumbprint " + PkiFolders.thumbprintHex(own.certificate()) + " created " + own.created());
    }

    @Test
    void threadsOfOneJvmStartingTogetherShareOneCertificate(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PkiFolders.OwnCertificate>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                all.add(pool.submit(() -> new PkiFolders(dir).loadOrCreateOwnCertificate(URI, "test", Set.of("127.0.0.1"))));
            }
            Set<String> thumbprints = new HashSet<>();
            int created = 0;
            for (Future<PkiFolders.OwnCertificate> f : all) {
                PkiFolders.OwnCertificate c = f.get(60, TimeUnit.SECONDS);
                thumbprints.add(PkiFolders.thumbprintHex(c.certificate()));
                if (c.created()) created++;
            }
            assertThat(thumbprints).as("one certificate for the folder").hasSize(1);
            assertThat(created).as("created by exactly one of the four").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void processesStartingTogetherShareOneCertificate(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PkiFoldersConcurrencyTest.class.getName(), dir.toString())
                    .redirectErrorStream(true).start());
        }
        ExecutorService pool = Executors.newFixedThreadPool(children.size());
        try {
            List<Future<String>> outs = new ArrayList<>();
            for (Process p : children) {
                Callable<String> read = () -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                outs.add(pool.submit(read));
            }
            Set<String> thumbprints = new HashSet<>();
            int created = 0;
            for (int i = 0; i < children.size(); i++) {
                Process p = children.get(i);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child %d ended", i).isTrue();
                String out = outs.get(i).get(10, TimeUnit.SECONDS);
                assertThat(p.exitValue()).as("child %d: %s", i, out).isZero();
                String line = out.lines().filter(l -> l.startsWith("thumbprint ")).findFirst().orElseThrow(() -> new AssertionError("no thumbprint in: " + out));
                String[] w = line.split(" ");
                thumbprints.add(w[1]);
                if (Boolean.parseBoolean(w[3])) created++;
            }
            assertThat(thumbprints).as("one certificate for the folder").hasSize(1);
            assertThat(created).as("created by exactly one process").isEqualTo(1);
        } finally {
            children.forEach(Process::destroyForcibly);
            pool.shutdownNow();
        }
    }
}
