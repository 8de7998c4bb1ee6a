package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.PythonHttpServer;

/**
 * A directory of 40 000 entries with 206-character names, listed by a server with the shipped launcher's heap
 * ({@code -Xmx64m}). Issue 15: this was a 500 and an OutOfMemoryError (the page was built whole, several times
 * over); Python serves it. Now the names are held as bytes within a budget and the page is streamed, so it is
 * Python's page, byte for byte, several times at once.
 */
class HttpLargeDirectoryIT {
    static final int ENTRIES = 40_000;

    @TempDir
    static Path dir;
    static Path www;

    @BeforeAll
    static void largeDirectory() throws IOException {
        www = Files.createDirectory(dir.resolve("www"));
        for (int i = 0; i < ENTRIES; i++) {
            // 206 characters; every other name has non-ASCII letters, as real directories do.
            String stem = (i % 2 == 0 ? "Résumé-" : "report-") + String.format("%06d-", i);
            Files.createFile(www.resolve(stem + "x".repeat(206 - stem.length() - 4) + ".txt"));
        }
    }

    private static HttpResponse<byte[]> get(HttpClient client, int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(HttpModeIT.WAIT)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void listsFortyThousandLongNamesUnderTheUnitsHeapByteForByteAsPython() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LANG", "C.UTF-8"), HttpLimitsIT.UNIT_FLAGS, "http",
                "0", "--bind", "127.0.0.1", "--directory", www.toString())) {
            int port = HttpModeIT.port(daemon);
            HttpResponse<byte[]> ours = get(client, port);
            assertEquals(200, ours.statusCode());
            assertEquals(Long.toString(ours.body().length), ours.headers().firstValue("Content-Length").orElseThrow());
            if (PythonHttpServer.available()) {
                try (PythonHttpServer python = PythonHttpServer.start(www, dir)) {
                    assertArrayEquals(get(client, python.port()).body(), ours.body());
                }
            }
            // Three at once fit in the budget (the heap less 24 MiB) too.
            List<CompletableFuture<HttpResponse<byte[]>>> together = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                together.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(HttpModeIT.WAIT).build(), HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (CompletableFuture<HttpResponse<byte[]>> response : together) {
                assertEquals(200, response.get().statusCode());
                assertArrayEquals(ours.body(), response.get().body());
            }
            assertTrue(daemon.isAlive());
            assertFalse(daemon.stderr().contains("OutOfMemoryError"), daemon.stderr());
        }
    }
}
