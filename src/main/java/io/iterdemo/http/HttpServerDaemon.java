package io.iterdemo.http;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.iterdemo.cli.ExitCode;
import io.iterdemo.cli.Version;
import io.iterdemo.lifecycle.SignalInbox;
import io.iterdemo.os.NativeLibraryException;
import io.iterdemo.os.OsError;
import io.iterdemo.systemd.Credentials;
import io.iterdemo.systemd.JournalStream;
import io.iterdemo.systemd.ServiceManager;
import io.iterdemo.systemd.SocketActivation;

/**
 * The http mode's lifecycle: take the directory, the access token if systemd passed one ({@link BearerToken}),
 * take the socket (bind it, or receive it from systemd), start Jetty, print Python's start-up line (and, with a
 * token, a line saying so), tell systemd READY, then wait on the {@link SignalInbox} on the main
 * thread, refreshing STATUS with the request count at most once a second, until SIGTERM or SIGINT; then
 * STOPPING, stop Jetty, exit 0.
 *
 * <p>Jetty runs with one acceptor, one selector and a small bounded pool: a lab machine's file server needs no
 * more, and the footprint stays close to the tick logger's (figures in docs/http-mode.md). Every connection is
 * bounded in time and size and their number is capped ({@link ConnectionLimits}), so that idle, slow or
 * oversized clients cannot starve the others or grow the process past the units' MemoryMax and TasksMax.
 */
public final class HttpServerDaemon {
    private static final long STATUS_INTERVAL_NANOS = 1_000_000_000L;
    private static final int BACKLOG = 128;
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 4;

    private final HttpConfig config;
    private final SignalInbox signals;
    private final Map<String, String> env;
    private final Logger logger = LoggerFactory.getLogger("iterdemo");
    /** The socket systemd passed, if any: closing it must give stdout and stderr back (SocketActivation.Taken). */
    private SocketActivation.Taken passedSocket;

    public HttpServerDaemon(HttpConfig config, SignalInbox signals, Map<String, String> env) {
        this.config = config;
        this.signals = signals;
        this.env = env;
    }

    /** Runs until SIGTERM or SIGINT (exit 0), or fails to start with one line on stderr and a sysexits status. */
    public ExitCode run() throws InterruptedException {
        ServedDirectory directory;
        try {
            directory = ServedDirectory.of(config.directory());
        } catch (IOException e) {
            logger.error("cannot serve directory {}: {}", config.directory(), OsError.reason(e));
            return ExitCode.NOINPUT;
        }
        Optional<BearerToken> token;
        try {
            token = BearerToken.fromCredentials(env);
        } catch (IOException e) {
            logger.error("cannot read credential {}: {}", Credentials.path(env, BearerToken.CREDENTIAL).orElseThrow(),
                    OsError.reason(e));
            return ExitCode.NOINPUT;
        } catch (IllegalArgumentException e) {
            logger.error(e.getMessage());
            return ExitCode.CONFIG;
        }
        ServiceManager manager;
        try {
            // Before the socket: without its native library sd_notify can never say READY=1, so fail at once
            // rather than serve while a Type=notify unit waits for its start timeout.
            manager = ServiceManager.fromEnvironment(env, logger);
        } catch (NativeLibraryException e) {
            logger.error(e.getMessage());
            return ExitCode.OSERR;
        }
        ServerSocketChannel channel;
        try {
            channel = socket();
        } catch (Failure e) {
            logger.error(e.getMessage());
            return e.status;
        }
        ConnectionLimits limits;
        try {
            limits = ConnectionLimits.from(System.getProperties());
        } catch (IllegalArgumentException e) {
            release(channel);
            logger.error(e.getMessage());
            return ExitCode.CONFIG;
        }
        AccessLog accessLog = AccessLog.stderr(JournalStream.isJournal(env, 2));
        Server server = server(directory, token, accessLog, channel, limits);
        try {
            server.start();
        } catch (Exception e) {
            // Released first: a failed start may have closed the socket, and with it (systemd's) stdout and stderr.
            release(channel);
            logger.error("cannot start the HTTP server: {}", e.getMessage());
            return ExitCode.UNAVAILABLE;
        }
        SocketAddress local = localAddress(channel);
        String url = local instanceof InetSocketAddress inet ? url(inet) : SocketAddresses.unix(local);
        logger.info(local instanceof InetSocketAddress inet ? SocketAddresses.servingLine(inet) : "Serving HTTP on " + url + " ...");
        token.ifPresent(t -> logger.info("Requests need \"Authorization: Bearer TOKEN\", TOKEN from credential \"{}\" ({})",
                BearerToken.CREDENTIAL, t.source()));
        long reported = 0;
        manager.ready(status(directory, url, reported));
        while (true) {
            SignalInbox.Request request = signals.awaitUntil(System.nanoTime() + STATUS_INTERVAL_NANOS);
            if (request == SignalInbox.Request.STOP) {
                break;
            }
            if (request == SignalInbox.Request.RELOAD) {
                logger.info("SIGHUP: nothing to reload; still serving {}", directory.root());
                continue;
            }
            if (request == SignalInbox.Request.HANG) {
                logger.info("SIGUSR1: ignored; only the tick logger hangs on purpose; still serving {}", directory.root());
                continue;
            }
            long served = accessLog.served();
            if (served != reported) {
                reported = served;
                manager.status(status(directory, url, reported));
            }
        }
        String signal = signals.stopSignal();
        manager.stopping("Stopping on " + signal + " after " + requests(accessLog.served()));
        try {
            server.stop();
        } catch (Exception e) {
            logger.warn("stopping the HTTP server: {}", e.getMessage());
        } finally {
            release(channel);
        }
        logger.info("{}: stopped after {}", signal, requests(accessLog.served()));
        return ExitCode.OK;
    }

    private Server server(ServedDirectory directory, Optional<BearerToken> token, AccessLog accessLog,
            ServerSocketChannel channel, ConnectionLimits limits) {
        // Jetty pads its queues to the cache line and, unless told, asks JMX whether references are compressed:
        // that loads the platform MBean server, about 600 classes, a quarter of the start-up. They are compressed
        // (4 bytes, 16 to a 64-byte line) in every heap under 32 GiB, which is all this server ever runs with.
        System.getProperties().putIfAbsent("org.eclipse.jetty.util.referencesPerCacheLine", "16");
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("http");
        // Jetty's default of reserved threads, not none: with a thread kept ready, the selector runs a request's
        // handler itself and hands selecting over, instead of waking another thread for every request (measured
        // on 1 KiB files with keep-alive: 30 down to 26 microseconds of CPU per request, half the context switches).
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(ConnectionLimits.MAX_REQUEST_HEAD);
        // Jetty's default refuses targets such as /a/../b or %2F with 400; Python serves them. The handler
        // decodes and normalises the raw target itself, as translate_path does, then checks containment.
        http.setUriCompliance(UriCompliance.UNSAFE);
        AbstractConnector connector = connector(server, channel, new HttpConnectionFactory(http));
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        // A connection is closed when its request head is still incomplete after the timeout, however slowly
        // it keeps coming; as a bean of the connector it hears of every connection opened and closed.
        connector.addBean(new RequestHeadTimeout(limits.requestHeadTimeout(), connector.getScheduler()));
        server.addConnector(connector);
        // Beyond the cap Jetty stops accepting; new connections wait in the listen queue, none is refused.
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        String serverHeader = "iterdemo/" + Version.current();
        Handler files = new FileHandler(directory, MimeTypes.system(), config.keepAlive(), serverHeader);
        server.setHandler(token.<Handler>map(t -> new TokenGate(t, files, serverHeader)).orElse(files));
        server.setErrorHandler(new ErrorPage(serverHeader));
        server.setRequestLog(accessLog);
        return server;
    }

    /**
     * One acceptor and one selector on {@code channel}: Jetty's ServerConnector for TCP, ours for a Unix-domain
     * socket passed by systemd, which ServerConnector cannot take ({@link UnixSocketConnector}).
     */
    private static AbstractConnector connector(Server server, ServerSocketChannel channel, HttpConnectionFactory http) {
        if (localAddress(channel) instanceof UnixDomainSocketAddress) {
            // A request without Host: (HTTP/1.0) gets the local address as its authority; a socket path is no
            // host name, and Jetty would answer 400. "localhost", as nginx names a Unix-socket upstream.
            http.getHttpConfiguration().setServerAuthority(new HostPort("localhost"));
            return new UnixSocketConnector(server, channel, 1, 1, http);
        }
        ServerConnector connector = new ServerConnector(server, 1, 1, http);
        try {
            connector.open(channel);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return connector;
    }

    /** The listening socket: systemd's if it passed one, otherwise bound here. */
    private ServerSocketChannel socket() throws Failure {
        int passed;
        try {
            passed = SocketActivation.listenFds(env, ProcessHandle.current().pid());
        } catch (IllegalArgumentException e) {
            throw new Failure(ExitCode.CONFIG, e.getMessage());
        }
        if (passed > 1) {
            // System.inheritedChannel() can wrap one descriptor only (SocketActivation); one unit, one socket.
            throw new Failure(ExitCode.CONFIG, SocketActivation.variables(env) + ": expected one listening socket, got "
                    + passed);
        }
        if (passed == 1) {
            try {
                SocketActivation.Taken taken = SocketActivation.listeningSocket();
                passedSocket = taken;
                return taken.listening();
            } catch (IOException e) {
                throw new Failure(ExitCode.CONFIG, "socket activation (" + SocketActivation.variables(env) + "): "
                        + e.getMessage());
            } catch (NativeLibraryException e) {
                throw new Failure(ExitCode.OSERR, e.getMessage());
            }
        }
        SocketActivation.ignored(env, ProcessHandle.current().pid()).ifPresent(logger::warn);
        return bind();
    }

    private ServerSocketChannel bind() throws Failure {
        InetAddress address;
        try {
            address = config.bind() != null ? InetAddress.getByName(config.bind()) : allInterfaces();
        } catch (UnknownHostException e) {
            throw new Failure(ExitCode.CONFIG, "cannot bind to \"" + config.bind() + "\": unknown host");
        }
        String where = SocketAddresses.host(address) + " port " + config.port();
        ServerSocketChannel channel = null;
        try {
            // The address's own family, as Python's http.server picks it (_get_best_family): an IPv4 address gets
            // an AF_INET socket, which ss and netstat show as 127.0.0.1:8000; Java's default, an AF_INET6 socket
            // bound to ::ffff:127.0.0.1, serves the same clients but reads as an IPv6 listener.
            channel = ServerSocketChannel.open(address instanceof Inet4Address ? StandardProtocolFamily.INET
                    : StandardProtocolFamily.INET6);
            // Python's HTTPServer sets allow_reuse_address: a restart need not wait for TIME_WAIT to pass.
            channel.socket().setReuseAddress(true);
            channel.bind(new InetSocketAddress(address, config.port()), BACKLOG);
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            // Address in use may clear by itself (a previous instance still stopping): a restart can help.
            boolean inUse = e instanceof BindException && reason.startsWith("Address already in use");
            throw new Failure(inUse ? ExitCode.UNAVAILABLE : ExitCode.CONFIG, "cannot listen on " + where + ": " + reason);
        }
    }

    /**
     * "::" when the kernel has IPv6, which Java binds dual-stack (IPV6_V6ONLY off), as Python's DualStackServer
     * means to; "0.0.0.0" otherwise.
     */
    private static InetAddress allInterfaces() throws UnknownHostException {
        return InetAddress.getByName(Files.exists(Path.of("/proc/net/if_inet6")) ? "::" : "0.0.0.0");
    }

    private static SocketAddress localAddress(ServerSocketChannel channel) {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static String url(InetSocketAddress local) {
        String host = SocketAddresses.host(local.getAddress());
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + local.getPort() + "/";
    }

    private static String status(ServedDirectory directory, String url, long served) {
        return "Serving " + directory.root() + " on " + url + ", " + requests(served) + " served";
    }

    private static String requests(long count) {
        return count + (count == 1 ? " request" : " requests");
    }

    /** Closes the listening socket; for systemd's, puts stdout and stderr back where closing it pointed them away. */
    private void release(ServerSocketChannel channel) {
        if (passedSocket != null) {
            passedSocket.close();
        } else {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Never bound; nothing to release.
            }
        }
    }

    /** A start-up failure: its one-line message and exit status. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ExitCode status;

        Failure(ExitCode status, String message) {
            super(message);
            this.status = status;
        }
    }
}
