package io.iterdemo.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Client of the QEMU guest agent (qemu-ga) over the host end of its virtio-serial port.
 *
 * <p>The protocol is QMP-like JSON, one request then one reply, without request ids. Bytes
 * sent before the agent runs wait in the port and are answered later, so a connection
 * starts with guest-sync-delimited (and again after any reply that did not arrive in time)
 * to skip whatever stale replies are still in flight.
 */
final class GuestAgent implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode END_OF_STREAM = JSON.createObjectNode();
    private static final Duration SYNC_ATTEMPT = Duration.ofSeconds(3);
    /** For one request/reply; generous because a busy emulated guest answers slowly. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicLong SYNC_IDS = new AtomicLong(System.nanoTime() & 0xFFFFFFFL);

    private final SocketChannel channel;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private boolean inSync;

    private GuestAgent(SocketChannel channel) {
        this.channel = channel;
        this.reader = new Thread(this::readReplies, "qemu-guest-agent-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects and waits until the agent in the guest answers: that is when the guest has
     * booted far enough to run commands. {@code hostAlive} stops the wait early when QEMU
     * has already exited.
     */
    static GuestAgent connect(Path socket, Duration timeout, BooleanSupplier hostAlive)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(socket)) {
            checkWaiting(deadline, hostAlive, "QEMU to create " + socket);
            Thread.sleep(50);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        GuestAgent agent = new GuestAgent(channel);
        try {
            while (!agent.trySync()) {
                checkWaiting(deadline, hostAlive, "the guest agent to answer");
            }
            return agent;
        } catch (IOException | InterruptedException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    private static void checkWaiting(long deadline, BooleanSupplier hostAlive, String what) throws IOException {
        if (!hostAlive.getAsBoolean()) {
            throw new IOException("QEMU exited while waiting for " + what);
        }
        if (System.nanoTime() > deadline) {
            throw new IOException("timed out waiting for " + what);
        }
    }

    /**
     * Runs {@code argv} in the guest (qemu-ga spawns it directly, searching PATH) with the
     * environment {@code env} and waits for it to exit. {@code timeout} bounds the wait only:
     * the caller limits the command itself in the guest, the agent cannot kill it.
     */
    synchronized Result exec(List<String> argv, List<String> env, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode args = JSON.createObjectNode();
        args.put("path", argv.get(0));
        argv.subList(1, argv.size()).forEach(args.putArray("arg")::add);
        env.forEach(args.putArray("env")::add);
        args.put("capture-output", true);
        long pid = call("guest-exec", args).get("pid").asLong();

        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long pauseMillis = 5;
        while (true) {
            JsonNode status = call("guest-exec-status", JSON.createObjectNode().put("pid", pid));
            if (status.path("exited").asBoolean()) {
                // A command killed by a signal has no exit code: report it like a shell does.
                int exitCode = status.has("exitcode")
                        ? status.get("exitcode").asInt()
                        : 128 + status.path("signal").asInt();
                return new Result(argv, exitCode, decode(status, "out-data"), decode(status, "err-data"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no exit of guest command after " + Log.seconds(timeout) + ": " + argv);
            }
            Thread.sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, pollCapMillis(System.nanoTime() - started));
        }
    }

    /**
     * The longest pause between two {@code guest-exec-status} calls for a command running for {@code runningNanos}:
     * 100 ms for the first two seconds, then a twentieth of the time it has run, up to a second. Each call wakes
     * qemu-ga, which logs it to the journal: at ten calls a second, the guest's own work took 5-6 % longer
     * (docs/system-tests.md), and a lab step runs for minutes. A long command is thus answered at most 5 % (and
     * one second) late; a short one as soon as before.
     */
    static long pollCapMillis(long runningNanos) {
        return Math.max(100, Math.min(1000, runningNanos / 1_000_000 / 20));
    }

    /** Asks the guest to power off; the agent sends no reply to this one. */
    synchronized void powerOff() throws IOException {
        send(JSON.createObjectNode().put("execute", "guest-shutdown")
                .set("arguments", JSON.createObjectNode().put("mode", "powerdown")));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            Log.info("closing the guest agent socket: " + e);
        }
        reader.interrupt();
    }

    private JsonNode call(String command, JsonNode arguments) throws IOException, InterruptedException {
        if (!inSync && !trySync()) {
            throw new IOException("guest agent does not answer guest-sync-delimited");
        }
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        request.set("arguments", arguments);
        send(request);
        JsonNode reply = nextReply(REPLY_TIMEOUT.toNanos());
        if (reply == null) {
            // A late reply would be taken for the next request's: resync first next time.
            inSync = false;
            throw new IOException("no reply within " + Log.seconds(REPLY_TIMEOUT) + " from the guest agent to " + command);
        }
        if (reply.has("error")) {
            throw new IOException("guest agent error for " + command + ": " + reply.get("error"));
        }
        return reply.get("return");
    }

    /** Sends 0xFF (resets the agent's parser) and a sync; true once its own reply came back. */
    private boolean trySync() throws IOException, InterruptedException {
        long id = SYNC_IDS.incrementAndGet();
        ObjectNode sync = JSON.createObjectNode().put("execute", "guest-sync-delimited");
        sync.set("arguments", JSON.createObjectNode().put("id", id));
        byte[] json = JSON.writeValueAsBytes(sync);
        ByteBuffer buffer = ByteBuffer.allocate(json.length + 1).put((byte) 0xFF).put(json).flip();
        write(buffer);
        long deadline = System.nanoTime() + SYNC_ATTEMPT.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode reply = nextReply(left);
            // Replies to older syncs, stale replies and parse errors caused by the 0xFF: skip.
            if (reply != null && reply.path("return").asLong(-1) == id) {
                inSync = true;
                return true;
            }
        }
        return false;
    }

    /** The next reply, or null after {@code nanos}; fails for good once the connection ended. */
    private JsonNode nextReply(long nanos) throws IOException, InterruptedException {
        JsonNode reply = replies.poll(nanos, TimeUnit.NANOSECONDS);
        if (reply == END_OF_STREAM) {
            replies.add(END_OF_STREAM);
            throw new IOException("the guest agent connection is closed (QEMU exited?)");
        }
        return reply;
    }

    private void send(JsonNode message) throws IOException {
        write(ByteBuffer.wrap(JSON.writeValueAsBytes(message)));
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void readReplies() {
        JsonFramer framer = new JsonFramer();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try {
            while (channel.read(buffer.clear()) >= 0) {
                for (byte[] message : framer.feed(buffer.array(), buffer.position())) {
                    parse(message);
                }
            }
        } catch (IOException e) {
            // Closed by close(), or QEMU went away: callers see END_OF_STREAM.
        } finally {
            replies.add(END_OF_STREAM);
        }
    }

    private void parse(byte[] message) {
        try {
            replies.add(JSON.readTree(message));
        } catch (IOException e) {
            Log.info("skipping unreadable guest agent reply: " + new String(message, StandardCharsets.UTF_8));
        }
    }

    private static String decode(JsonNode status, String field) {
        return status.has(field)
                ? new String(Base64.getDecoder().decode(status.get(field).asText()), StandardCharsets.UTF_8)
                : "";
    }
}
