package org.exekutir.netns.hosts;

/**
 * Told each time creation passes a point after which something exists on the machine; lets
 * tests stop (or kill) a creation exactly there and check that destruction still finds it all.
 */
public interface CreationObserver {

    String RECORD_WRITTEN = "record-written";
    String NAMESPACE_ADDED = "namespace-added";
    String LINKS_ADDED = "links-added";
    String ADDRESSES_SET = "addresses-set";
    String HOST_KEY_MADE = "host-key-made";
    String SSHD_STARTED = "sshd-started";
    /** A container or VM was started (podman, qemu). */
    String HOST_STARTED = "host-started";

    CreationObserver NONE = stage -> {
    };

    public void reached(String stage) throws InterruptedException;
}
