package io.hilbench.runtime.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The protocol server stand-in behind a proxy under test: on 127.0.0.1, a free port, a thread per connection that
 * echoes every byte back (when echoing) and counts what it received. It keeps each accepted socket, so a test can
 * also write from the server's side, and closes a connection (after echoing) when its client half-closes.
 */
final class EchoServer implements AutoCloseable {
    private final ServerSocket listener;
    private final boolean echo;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();

    EchoServer(boolean echo) throws IOException {
        this.echo = echo;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    static EchoServer echoing() throws IOException {
        return new EchoServer(true);
    }

    /** Reads and counts, never answers: the test writes from the server's side itself. */
    static EchoServer silent() throws IOException {
        return new EchoServer(false);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    int openConnections() {
        return open.get();
    }

    int acceptedConnections() {
        return accepted.size();
    }

    long bytesReceived() {
        return received.get();
    }

    Socket accepted(int index) {
        return accepted.get(index);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                open.incrementAndGet();
                accepted.add(socket);
                Thread worker = new Thread(() -> serve(socket), "echo-conn");
                worker.setDaemon(true);
                threads.add(worker);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        byte[] buffer = new byte[8192];
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.addAndGet(n);
                if (echo) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // reset by the proxy (a drop) or by close(): the connection is over either way
        } finally {
            open.decrementAndGet();
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
