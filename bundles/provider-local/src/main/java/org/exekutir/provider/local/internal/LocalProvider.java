package org.exekutir.provider.local.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostRequest;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.VmProvider;
import org.osgi.service.component.annotations.Component;

/**
 * The VM provider {@code local}: the host is the one exekutir runs on (ADEPT's
 * {@code nocloud} kommandir). Nothing is created, so nothing is destroyed and there is no
 * age to tell; Ansible reaches the host with its {@code local} connection and exekutir with
 * the {@code local} transport. No {@code exekutir_root}: the kommandir's workspace is then
 * {@code $WORKSPACE/kommandir_workspace} itself.
 */
@Component
@ExekutirName("local")
public class LocalProvider implements VmProvider {

    static final String LOCAL = "local";

    @Override
    public HostVars discoverOrCreate(HostRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ansible_connection", LOCAL);
        values.put(HostVars.ADDRESS, "localhost");
        values.put(HostVars.TRANSPORT, LOCAL);
        return HostVars.of(inventoryName(request), values);
    }

    /** @return {@code false}: this host was never made, so there is nothing to destroy */
    @Override
    public boolean destroy(HostRequest request) {
        return false;
    }

    @Override
    public Optional<Duration> age(HostRequest request) {
        return Optional.empty();
    }

    private static String inventoryName(HostRequest request) {
        return request.known() != null ? request.known().name() : request.name();
    }
}
