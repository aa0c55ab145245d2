package org.exekutir.image;

import java.nio.file.Path;

/**
 * A built image in the cache: read only, shared by every host and job that boots from it.
 *
 * @param folder the image's folder ({@code <cache>/<hash>})
 * @param hash   the recipe's hash
 */
public record GuestImage(Path folder, String hash) {

    /** The job's remote workspace root on every guest ({@code exekutir_root}). */
    public static final String REMOTE_ROOT = "/var/lib/exekutir";
    /**
     * Where a VM reads its settings from qemu's fw_cfg (its guest unit does): {@code hostname},
     * {@code address} (with prefix), {@code authorized_keys}, {@code host_key}.
     */
    public static final String FW_CFG_PREFIX = "opt/exekutir/";

    /** Written last: an image folder without it is not an image. */
    public static final String MANIFEST = "image.properties";

    /** The root file system without kernel and modules, for {@code podman import}. */
    public Path rootfsTar() {
        return folder.resolve("rootfs.tar");
    }

    /** The root file system as an ext4 disk, for VMs (each boots an overlay of it). */
    public Path disk() {
        return folder.resolve("disk.img");
    }

    /** Debian's kernel, uncompressed when it could be (it boots faster under emulation). */
    public Path kernel() {
        return folder.resolve("kernel");
    }

    /** A small initrd: just what mounts a virtio disk. */
    public Path initrd() {
        return folder.resolve("initrd.img");
    }

    /** The name podman knows the imported image by. */
    public String podmanTag() {
        return "localhost/exekutir-guest:" + hash;
    }
}
