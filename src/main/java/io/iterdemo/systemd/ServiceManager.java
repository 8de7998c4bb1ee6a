package io.iterdemo.systemd;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;

import io.iterdemo.os.NativeLibraryException;

/**
 * What a daemon tells systemd about its lifecycle, on top of {@link SdNotify}: a failed delivery is
 * reported once, as a warning, and never stops the daemon's real work (a file that keeps growing matters
 * more than a status line).
 */
public final class ServiceManager {
    private final SdNotify notify;
    private final String socketName;
    private final Logger logger;
    private boolean failureReported;

    private ServiceManager(SdNotify notify, String socketName, Logger logger) {
        this.notify = notify;
        this.socketName = socketName;
        this.logger = logger;
    }

    /**
     * The manager for {@code $NOTIFY_SOCKET}; a silent one when unset, or when it holds an unusable address.
     *
     * @throws NativeLibraryException when the variable is set but jnr's native library cannot be loaded: unlike
     *         a lost datagram, that is no passing trouble, and a Type=notify unit would wait for READY=1 until
     *         its start timeout; the caller should fail at once
     */
    public static ServiceManager fromEnvironment(Map<String, String> env, Logger logger) throws NativeLibraryException {
        String socketName = env.get("NOTIFY_SOCKET");
        try {
            return new ServiceManager(SdNotify.fromEnvironment(env), socketName, logger);
        } catch (IllegalArgumentException e) {
            logger.warn("{}; not notifying systemd", e.getMessage());
            return new ServiceManager(SdNotify.fromEnvironment(Map.of()), socketName, logger);
        } catch (LinkageError e) {
            throw NativeLibraryException.of("sd_notify", e);
        }
    }

    public void ready(String status) {
        deliver(() -> notify.ready(status));
    }

    public void status(String status) {
        deliver(() -> notify.status(status));
    }

    public void watchdog() {
        deliver(notify::watchdog);
    }

    public void reloading(String status) {
        deliver(() -> notify.reloading(status));
    }

    public void stopping(String status) {
        deliver(() -> notify.stopping(status));
    }

    private interface Message {
        boolean send() throws IOException;
    }

    private void deliver(Message message) {
        try {
            message.send();
        } catch (IOException e) {
            reportOnce(e.getMessage());
        } catch (LinkageError e) {
            // fromEnvironment loaded the native library already; this is the unlikely failure of a later binding.
            reportOnce("native socket support unavailable (" + e.getMessage() + ")");
        }
    }

    private void reportOnce(String reason) {
        if (!failureReported) {
            failureReported = true;
            logger.warn("sd_notify to NOTIFY_SOCKET={} failed: {}", socketName, reason);
        }
    }
}
