package dev.hangtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private static AtomicFiles.Target text(Path path, String content) {
        return new AtomicFiles.Target(path, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    @Test
    void anExistingFileIsNotOverwrittenWithoutForce() throws IOException {
        Path target = Files.writeString(dir.resolve("report.html"), "the physio's copy");
        ExportException refused = assertThrows(ExportException.class,
                () -> AtomicFiles.write(List.of(text(target, "new")), false));
        assertTrue(refused.userInput());
        assertTrue(refused.getMessage().contains(target + " already exists; add --force"), refused.getMessage());
        assertEquals("the physio's copy", Files.readString(target));
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void forceReplacesTheFile() throws IOException {
        Path target = Files.writeString(dir.resolve("report.html"), "old");
        AtomicFiles.write(List.of(text(target, "new")), true);
        assertEquals("new", Files.readString(target));
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void aWriterThatFailsHalfWayLeavesNeitherAPartialFileNorATemporaryOne() throws IOException {
        Path target = dir.resolve("samples.csv");
        AtomicFiles.Target failing = new AtomicFiles.Target(target, out -> {
            out.write("session_id,ordinal\r\n1,0\r\n".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        });
        ExportException failure = assertThrows(ExportException.class, () -> AtomicFiles.write(List.of(failing), false));
        assertFalse(failure.userInput(), "a full disk is not the user's input");
        assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
        assertFalse(Files.exists(target));
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void whenOneOfAPairExistsNeitherIsWritten() throws IOException {
        Path samples = dir.resolve("s.csv");
        Path summary = Files.writeString(dir.resolve("s-summary.csv"), "keep me");
        assertThrows(ExportException.class,
                () -> AtomicFiles.write(List.of(text(samples, "a"), text(summary, "b")), false));
        assertFalse(Files.exists(samples), "checked before anything was written");
        assertEquals("keep me", Files.readString(summary));
    }

    @Test
    void aTargetInADirectoryThatDoesNotExistIsNamed() {
        Path target = dir.resolve("no-such-dir").resolve("report.html");
        ExportException failure = assertThrows(ExportException.class,
                () -> AtomicFiles.write(List.of(text(target, "x")), false));
        assertTrue(failure.userInput());
        assertTrue(failure.getMessage().contains("the directory " + dir.resolve("no-such-dir") + " does not exist"),
                failure.getMessage());
    }

    @Test
    void aTargetInsideARegularFileCannotBeWritten() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("notes.txt"), "x");
        ExportException failure = assertThrows(ExportException.class,
                () -> AtomicFiles.write(List.of(text(notADirectory.resolve("report.html"), "x")), true));
        assertTrue(failure.userInput());
        assertEquals("x", Files.readString(notADirectory));
    }

    @Test
    void aDirectoryIsNotAFileName() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("reports"));
        ExportException failure = assertThrows(ExportException.class,
                () -> AtomicFiles.write(List.of(text(directory, "x")), true));
        assertTrue(failure.getMessage().contains("it is a directory"), failure.getMessage());
    }
}
