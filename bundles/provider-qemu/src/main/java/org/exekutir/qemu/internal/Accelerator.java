package org.exekutir.qemu.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exekutir.netns.hosts.NetnsException;

/**
 * KVM when it really works, else TCG (emulation). {@code /dev/kvm} alone says little: it
 * exists in sandboxes and nested VMs whose processors offer no virtualisation, so the
 * processor's flags ({@code vmx}, {@code svm}) are read too, and the device must open.
 *
 * @param kvm    whether VMs run under KVM
 * @param reason why, for the progress line
 */
record Accelerator(boolean kvm, String reason) {

    static Accelerator choose(String setting, Path cpuinfo, Path device) throws NetnsException {
        if (setting.equals("tcg")) {
            return new Accelerator(false, "qemu_accel is tcg");
        }
        String unusable = kvmUnusable(cpuinfo, device);
        if (unusable == null) {
            return new Accelerator(true, "KVM works here");
        }
        if (setting.equals("kvm")) {
            throw new NetnsException(QemuSettings.ACCEL + ": kvm, but " + unusable);
        }
        return new Accelerator(false, "emulated (TCG, slow): " + unusable);
    }

    /** @return why KVM cannot run here, or {@code null} when it can */
    static String kvmUnusable(Path cpuinfo, Path device) {
        try {
            List<String> flags = Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("flags")).toList();
            boolean virtualisation = flags.stream().anyMatch(line -> line.matches(".*\\b(vmx|svm)\\b.*"));
            if (!virtualisation) {
                return cpuinfo + " shows no vmx or svm flag (no hardware virtualisation for this machine)";
            }
        } catch (IOException e) {
            return "cannot read " + cpuinfo + ": " + e.getMessage();
        }
        if (!Files.exists(device)) {
            return device + " does not exist (load kvm_intel or kvm_amd)";
        }
        try (RandomAccessFile opened = new RandomAccessFile(device.toFile(), "rw")) {
            return null;
        } catch (IOException e) {
            return device + " cannot be opened: " + e.getMessage();
        }
    }
}
