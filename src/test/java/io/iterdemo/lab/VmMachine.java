package io.iterdemo.lab;

import io.iterdemo.systemtest.Result;
import io.iterdemo.systemtest.Vm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The test VM as a {@link Machine}: commands through its guest agent, from the lab directory. */
final class VmMachine implements Machine {
    private final Vm vm;
    private final String directory;

    VmMachine(Vm vm, String directory) {
        this.vm = vm;
        this.directory = directory;
    }

    @Override
    public Outcome sh(String commandLine, Duration timeout) throws IOException, InterruptedException {
        Result result = vm.run(timeout, List.of("/bin/sh", "-c", "cd " + directory + " && " + commandLine));
        return new Outcome(result.exitCode(), result.stdout(), result.stderr());
    }

    @Override
    public Optional<String> read(String path) throws IOException, InterruptedException {
        Result result = vm.run("cat", path);
        return result.ok() ? Optional.of(result.stdout()) : Optional.empty();
    }
}
