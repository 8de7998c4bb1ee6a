package io.iterdemo.http;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;

/**
 * A Jetty connector on a listening Unix-domain stream socket that systemd passed ({@code ListenStream=/run/x.sock}),
 * the socket a reverse proxy on the same host connects to. Jetty's {@code ServerConnector} calls
 * {@code ServerSocketChannel.socket()}, which a Unix-domain channel does not support; Jetty's own
 * {@code UnixDomainServerConnector} takes an inherited channel but deletes its path when it stops (with no path set
 * it fails to stop), and the socket file belongs to systemd, which keeps listening on it for the next start.
 *
 * <p>So this connector is the few lines between a channel and Jetty: an acceptor thread takes connections from
 * the channel and hands them to the selector, as {@code ServerConnector} does, and it never unlinks anything.
 * Idle timeout, the connection cap ({@code NetworkConnectionLimit}) and connection listeners work as on TCP, through
 * {@link AbstractConnector}. Stopping closes this process's descriptor only.
 */
final class UnixSocketConnector extends AbstractConnector {
    private final ServerSocketChannel channel;
    private final SelectorManager selectors;

    UnixSocketConnector(Server server, ServerSocketChannel channel, int acceptors, int selectors,
            ConnectionFactory... factories) {
        super(server, null, null, null, acceptors, factories);
        this.channel = channel;
        this.selectors = new Selectors(selectors);
        installBean(this.selectors, true);
    }

    @Override
    protected void doStart() throws Exception {
        // The acceptor threads block in accept(2); the selector takes over each connection.
        channel.configureBlocking(true);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        channel.close();
    }

    @Override
    protected void accept(int acceptorID) throws IOException {
        SocketChannel connection = channel.accept();
        connection.configureBlocking(false);
        selectors.accept(connection);
    }

    @Override
    public Object getTransport() {
        return channel;
    }

    private final class Selectors extends SelectorManager {
        Selectors(int selectors) {
            super(UnixSocketConnector.this.getExecutor(), UnixSocketConnector.this.getScheduler(), selectors);
        }

        @Override
        protected EndPoint newEndPoint(SelectableChannel connection, ManagedSelector selector, SelectionKey key) {
            SocketChannelEndPoint endPoint = new SocketChannelEndPoint((SocketChannel) connection, selector, key,
                    getScheduler());
            endPoint.setIdleTimeout(UnixSocketConnector.this.getIdleTimeout());
            return endPoint;
        }

        @Override
        public Connection newConnection(SelectableChannel connection, EndPoint endPoint, Object attachment) {
            return UnixSocketConnector.this.getDefaultConnectionFactory().newConnection(UnixSocketConnector.this, endPoint);
        }

        @Override
        protected void endPointOpened(EndPoint endPoint) {
            super.endPointOpened(endPoint);
            onEndPointOpened(endPoint);
        }

        @Override
        protected void endPointClosed(EndPoint endPoint) {
            onEndPointClosed(endPoint);
            super.endPointClosed(endPoint);
        }
    }
}
