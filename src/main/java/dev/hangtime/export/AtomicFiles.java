package dev.hangtime.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes export files so that a reader never sees half a file: each is written to a temporary file in
 * the target's own directory (same file system, so the rename is atomic), flushed to disk, and renamed
 * into place. Without {@code force} an existing file is never replaced; with several files (the CSV
 * pair) every target is checked before anything is written.
 */
public final class AtomicFiles {

    /** Writes one file's content to the stream it is given (buffered; closed by the caller). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** One file to write. */
    public record Target(Path path, Content content) {
    }

    private AtomicFiles() {
    }

    /**
     * Writes every target or none. On failure the temporary files are deleted and the targets are as
     * they were, except that files already renamed into place stay (each rename is atomic, the set is
     * not).
     *
     * @throws ExportException naming the path and the problem
     */
    public static List<Path> write(List<Target> targets, boolean force) {
        for (Target target : targets) {
            checkWritable(target.path(), force);
        }
        List<Path> temporaries = new ArrayList<>();
        try {
            for (Target target : targets) {
                temporaries.add(writeTemporary(target));
            }
            List<Path> written = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                moveIntoPlace(temporaries.get(i), targets.get(i).path(), force);
                written.add(targets.get(i).path());
            }
            return written;
        } finally {
            for (Path temporary : temporaries) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a stray ".part" file is harmless; the failure that brought us here matters more
                }
            }
        }
    }

    private static void checkWritable(Path target, boolean force) {
        Path directory = directoryOf(target);
        if (!Files.isDirectory(directory)) {
            throw new ExportException(target, "cannot write " + target + ": the directory " + directory
                    + " does not exist", true, null);
        }
        if (Files.isDirectory(target)) {
            throw new ExportException(target, "cannot write " + target + ": it is a directory; give a file name",
                    true, null);
        }
        if (!force && Files.exists(target)) {
            throw new ExportException(target, target + " already exists; add --force to overwrite it", true, null);
        }
    }

    private static Path writeTemporary(Target target) {
        Path directory = directoryOf(target.path());
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, "." + target.path().getFileName() + ".", ".part");
        } catch (AccessDeniedException e) {
            throw new ExportException(target.path(), "cannot write " + target.path() + ": no permission to create files in "
                    + directory, true, e);
        } catch (IOException e) {
            throw new ExportException(target.path(), "cannot write " + target.path() + ": " + describe(e), false, e);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            target.content().writeTo(out);
            out.flush();
            channel.force(true); // the content is on disk before the rename makes it visible
            return temporary;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ExportException(target.path(), "cannot write " + target.path() + ": " + describe(e), false, e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void moveIntoPlace(Path temporary, Path target, boolean force) {
        try {
            if (force) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            try {
                // A hard link fails atomically if the target appeared since checkWritable: no clobbering
                // in a race, which a plain rename (it replaces silently on POSIX) cannot promise.
                Files.createLink(target, temporary);
                Files.delete(temporary);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // file systems without hard links (FAT on a USB stick): check, then rename
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ExportException(target, target + " already exists; add --force to overwrite it", true, e);
        } catch (IOException e) {
            throw new ExportException(target, "cannot move the export into " + target + ": " + describe(e), false, e);
        }
    }

    private static Path directoryOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent == null ? target.toAbsolutePath().getRoot() : parent;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : null;
        return reason != null ? reason : String.valueOf(e.getMessage());
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the caller reports the original failure
        }
    }
}
