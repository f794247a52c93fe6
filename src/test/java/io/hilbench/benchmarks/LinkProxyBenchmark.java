package io.hilbench.benchmarks;

import io.hilbench.runtime.link.FaultProxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Round trip through the link fault proxy against a direct connection, on loopback, shaped like the Modbus
 * benchmark it will sit in (DESIGN §9): closed-loop clients each sending a 12-byte request (an FC3 read of 100
 * registers) and waiting for a 209-byte response (MBAP 7 + function 1 + byte count 1 + 200 data bytes) from a
 * thread-per-connection server that does no work. What is left is the cost of the extra hop.
 *
 * <p>Not a unit test (excluded from surefire). Run after {@code mvn -o -q test-compile}:
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) io.hilbench.benchmarks.LinkProxyBenchmark [seconds] [clients...]</pre>
 * where cp.txt comes from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class LinkProxyBenchmark {
    private static final int REQUEST_BYTES = 12;
    private static final int RESPONSE_BYTES = 209;

    private LinkProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] clientCounts = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[]{1, 16};
        try (ResponderServer server = new ResponderServer()) {
            FaultProxy proxy = new FaultProxy("bench", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server.address());
            proxy.start();
            try {
                System.out.printf("%-8s %7s %10s %9s %9s %9s%n", "path", "clients", "req/s", "p50 µs", "p99 µs", "p99.9 µs");
                for (int clients : clientCounts) {
                    // direct and proxied alternate, each after a warm-up, so drift on a shared machine hits both
                    for (int round = 0; round < 2; round++) {
                        run("direct", server.address().getPort(), clients, 1);
                        report("direct", clients, run("direct", server.address().getPort(), clients, seconds));
                        run("proxy", proxy.port(), clients, 1);
                        report("proxy", clients, run("proxy", proxy.port(), clients, seconds));
                    }
                }
            } finally {
                proxy.stop();
            }
        }
    }

    private record Result(long requests, double seconds, long[] sortedNanos) {
    }

    private static void report(String path, int clients, Result r) {
        System.out.printf("%-8s %7d %10.0f %9.1f %9.1f %9.1f%n", path, clients, r.requests / r.seconds,
                percentileMicros(r.sortedNanos, 0.50), percentileMicros(r.sortedNanos, 0.99), percentileMicros(r.sortedNanos, 0.999));
    }

    private static double percentileMicros(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000.0;
    }

    private static Result run(String path, int port, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[Math.max(200_000, 4_000_000 / clients)];
            samples.add(mine);
            int index = c;
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    byte[] request = new byte[REQUEST_BYTES];
                    byte[] response = new byte[RESPONSE_BYTES];
                    int n = 0;
                    while (System.nanoTime() < end && n < mine.length) {
                        long t0 = System.nanoTime();
                        out.write(request);
                        if (in.readNBytes(response, 0, RESPONSE_BYTES) != RESPONSE_BYTES) {
                            throw new IOException("short response");
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                    counts[index] = n;
                } catch (IOException e) {
                    throw new IllegalStateException(path + " client failed", e);
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread t : threads) {
            t.join();
        }
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int pos = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples.get(c), 0, all, pos, counts[c]);
            pos += counts[c];
        }
        Arrays.sort(all);
        return new Result(total, elapsed, all);
    }

    /** Answers every 12-byte request with 209 bytes, one thread per connection, no work. */
    private static final class ResponderServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket();
        private final List<Socket> sockets = new ArrayList<>();

        ResponderServer() throws IOException {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            Thread acceptor = new Thread(this::acceptLoop, "bench-server-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        }

        private void acceptLoop() {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    socket.setTcpNoDelay(true);
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    Thread t = new Thread(() -> serve(socket), "bench-server-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void serve(Socket socket) {
            byte[] request = new byte[REQUEST_BYTES];
            byte[] response = new byte[RESPONSE_BYTES];
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (in.readNBytes(request, 0, REQUEST_BYTES) == REQUEST_BYTES) {
                    out.write(response);
                }
            } catch (IOException e) {
                // client gone
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
