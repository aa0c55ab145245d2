package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;

/**
 * A VM provider for unit tests: its "hosts" are names in a set. It can fail for chosen
 * names, run a hook on each call (to look at the workspace while the provider works) and
 * count how many calls run at once.
 */
final class TestProvider implements VmProvider {

    final Set<String> alive = ConcurrentHashMap.newKeySet();
    final Set<String> failFor = ConcurrentHashMap.newKeySet();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger destroyCalls = new AtomicInteger();
    volatile Consumer<HostRequest> hook = request -> { };
    volatile Consumer<HostRequest> destroyHook = request -> { };
    volatile Map<String, Object> extraVars = Map.of();
    /** What {@link #checkSettings} says is wrong, when set. */
    volatile org.exekutir.api.host.SettingProblem refused;
    volatile Duration age;

    @Override
    public HostVars discoverOrCreate(HostRequest request) throws IOException, InterruptedException {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            hook.accept(request);
            if (failFor.contains(request.known().name())) {
                throw new IOException("cannot make " + request.name() + " (test failure)");
            }
            alive.add(request.name());
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("ansible_host", "10.0.0." + alive.size());
            vars.put("ansible_connection", "local");
            vars.putAll(extraVars);
            return HostVars.of(request.known().name(), vars);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public boolean destroy(HostRequest request) {
        destroyCalls.incrementAndGet();
        destroyHook.accept(request);
        return alive.remove(request.name());
    }

    @Override
    public Optional<Duration> age(HostRequest request) {
        return Optional.ofNullable(age);
    }

    @Override
    public java.util.List<org.exekutir.api.host.SettingProblem> checkSettings(Map<String, Object> settings) {
        return refused == null ? java.util.List.of() : java.util.List.of(refused);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
