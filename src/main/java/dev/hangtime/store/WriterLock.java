package dev.hangtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per store: an exclusive OS lock on a sidecar file ({@code hangtime.db.writer-lock}) held for
 * as long as a {@link SessionStore} is open. Crash recovery marks IN_PROGRESS sessions interrupted, which
 * is only right when no other process is still recording them; the lock makes that certain. The OS drops
 * the lock when the process dies, even on SIGKILL.
 *
 * <p>A sidecar rather than a lock on the database itself because POSIX record locks belong to the
 * process, and closing any descriptor of the database would silently drop SQLite's own locks with ours.
 */
final class WriterLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path databaseFile) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + ".writer-lock");
    }

    /**
     * Takes the lock or fails at once with {@link StoreException.Problem#IN_USE}, naming the process that
     * holds it when it wrote its pid.
     */
    static WriterLock acquire(Path databaseFile) {
        Path lockFile = lockFileOf(databaseFile);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already holds it: a second SessionStore on the same file
            }
            if (lock == null) {
                String holder = holderOf(lockFile);
                channel.close();
                throw new StoreException(StoreException.Problem.IN_USE, databaseFile,
                        "another Hangtime" + holder + " is recording into " + databaseFile
                                + "; only one program may record at a time");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new WriterLock(channel, lock);
        } catch (IOException e) {
            SqliteFiles.closeQuietly(channel);
            throw new StoreException(StoreException.Problem.IO, databaseFile,
                    "cannot lock " + lockFile + " for writing: " + e.getMessage(), e);
        }
    }

    /** True when some process holds the writer lock now (a session may really be in progress). */
    static boolean isHeld(Path databaseFile) {
        Path lockFile = lockFileOf(databaseFile);
        if (!Files.exists(lockFile)) {
            return false;
        }
        // Opened for reading only: a shared lock needs no write access, and never blocks a writer for
        // longer than this check.
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very JVM
        } catch (IOException e) {
            return false;
        }
    }

    private static String holderOf(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        SqliteFiles.closeQuietly(channel);
    }
}
