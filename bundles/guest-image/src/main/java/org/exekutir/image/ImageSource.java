package org.exekutir.image;

import java.io.IOException;
import java.util.Map;

import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.NetnsException;

/** Where a host being made gets its image from; destruction needs none. */
@FunctionalInterface
public interface ImageSource {

    /** For destruction: it never asks. */
    ImageSource NONE = progress -> {
        throw new IllegalStateException("destruction needs no image");
    };

    GuestImage obtain(HostService.Progress progress) throws IOException, InterruptedException;

    /** The settings' recipe from the settings' cache (built there with mmdebstrap when missing). */
    static ImageSource of(Map<String, Object> settings) throws NetnsException {
        ImageRecipe recipe = ImageRecipe.from(settings);
        ImageCache cache = new ImageCache(ImageCache.root(settings), new ImageBuild());
        return progress -> cache.obtain(recipe, progress);
    }
}
