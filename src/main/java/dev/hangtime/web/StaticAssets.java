package dev.hangtime.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The display's files, read once from the class path into memory and served by exact name only.
 * There is no file-system lookup and no path joining, so no request can reach anything but these
 * files: a traversal attempt is simply a name that is not in the list (404).
 */
final class StaticAssets {

    private static final String BASE = "/dev/hangtime/web/";

    /** A file and its media type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> byName = new LinkedHashMap<>();

    StaticAssets(String... names) {
        for (String name : names) {
            byName.put(name, new Asset(read(name), contentTypeOf(name)));
        }
    }

    Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("display asset missing from the build: " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read display asset " + name, e);
        }
    }

    private static String contentTypeOf(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalArgumentException("no media type known for " + name);
    }
}
