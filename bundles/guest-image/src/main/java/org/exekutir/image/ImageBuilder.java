package org.exekutir.image;

import java.io.IOException;
import java.nio.file.Path;

import org.exekutir.netns.hosts.HostService;

/** Builds an image's files into an empty folder; {@link ImageCache} makes it appear whole. */
@FunctionalInterface
public interface ImageBuilder {

    void build(ImageRecipe recipe, Path folder, HostService.Progress progress) throws IOException, InterruptedException;
}
