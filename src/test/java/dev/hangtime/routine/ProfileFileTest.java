package dev.hangtime.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hangtime.engine.Contraindication;
import dev.hangtime.engine.DailyBudget;
import dev.hangtime.engine.ExperienceLevel;
import dev.hangtime.engine.PersonalCaps;
import dev.hangtime.engine.PhysicianClearance;
import dev.hangtime.engine.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileTest {

    @TempDir
    Path dir;

    private static Profile full() {
        return new Profile(ExperienceLevel.INTERMEDIATE, LocalDate.of(2025, 2, 1),
                new PersonalCaps(OptionalDouble.of(42.5), OptionalLong.of(150_000)),
                Optional.of(new PhysicianClearance(LocalDate.of(2025, 1, 20), "Dr. \"Quote\" \\ Back",
                        EnumSet.of(Contraindication.GLAUCOMA, Contraindication.PREGNANCY))),
                new DailyBudget.Rules(2, 5_400_000), 4);
    }

    @Test
    void aWrittenProfileReadsBackTheSame() throws Exception {
        ProfileFile.write(dir, full());
        assertEquals(Optional.of(full()), ProfileFile.load(dir));
        assertEquals(Optional.of(Profile.starting(ExperienceLevel.BEGINNER, LocalDate.of(2025, 3, 1))),
                Optional.of(ProfileFile.parse("p", ProfileFile.format(Profile.starting(ExperienceLevel.BEGINNER,
                        LocalDate.of(2025, 3, 1))))));
    }

    @Test
    void theFileIsReadableYamlWithUnits() {
        String text = ProfileFile.format(full());
        assertTrue(text.contains("  maxAngle: 42.5deg\n"), text);
        assertTrue(text.contains("  maxTimeInverted: 150s\n"), text);
        assertTrue(text.contains("  minGap: 90min\n"), text);
        assertTrue(text.contains("    - glaucoma\n    - pregnancy\n"), text);
    }

    @Test
    void writingReplacesTheOldFileAndLeavesNoTemporaryFileBehind() throws Exception {
        ProfileFile.write(dir, Profile.starting(ExperienceLevel.BEGINNER, LocalDate.of(2025, 1, 1)));
        ProfileFile.write(dir, full());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("profile.yaml")), files.toList());
        }
        assertEquals(Optional.of(full()), ProfileFile.load(dir));
    }

    @Test
    void theProfileIsReadableByItsOwnerOnly() throws Exception {
        ProfileFile.write(dir, full());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(dir.resolve("profile.yaml")));
        }
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileAndNothingHalfWritten() throws Exception {
        Path blocker = dir.resolve("profile.yaml");
        Files.createDirectories(blocker.resolve("in-the-way"));
        assertThrows(java.io.IOException.class, () -> ProfileFile.write(dir, full()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList());
        }
        assertTrue(Files.isDirectory(blocker.resolve("in-the-way")));
    }

    @Test
    void writingCreatesTheConfigDirectory() throws Exception {
        Path nested = dir.resolve("a/b/hangtime");
        ProfileFile.write(nested, full());
        assertTrue(Files.isRegularFile(nested.resolve("profile.yaml")));
    }

    @Test
    void noFileMeansNoProfile() throws Exception {
        assertEquals(Optional.empty(), ProfileFile.load(dir));
    }

    @Test
    void everyProblemInAProfileIsReportedWithItsLine() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ProfileFile.parse("profile.yaml", """
                experience: expert
                startedOn: 2025-13-01
                caps:
                  maxAngle: 45
                  maxTime: 2min
                budget:
                  maxSessionsPerDay: 0
                clearance:
                  clearedOn: 2025-01-01
                  confirmed: [glaucoma, flu]
                """));
        assertEquals(List.of(
                "profile.yaml:1:13: experience: 'expert' is not an experience level: beginner, intermediate or experienced",
                "profile.yaml:2:12: startedOn: '2025-13-01' is not a date: write it as YYYY-MM-DD",
                "profile.yaml:4:13: caps.maxAngle: missing unit: write 45deg (e.g. 30deg)",
                "profile.yaml:5:3: caps.maxTime: unknown key 'maxTime' Allowed here: maxAngle, maxTimeInverted",
                "profile.yaml:7:22: budget.maxSessionsPerDay: must be a whole number from 1 to 10, was 0",
                "profile.yaml:10:25: clearance.confirmed[1]: unknown contraindication 'flu'; see hangtime profile"
                        + " clearance for the list"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void theConfigDirectoryComesFromTheOptionThenTheEnvironmentThenXdgThenHome() {
        assertEquals(Path.of("/opt/cfg"), ConfigDirectory.resolve(Optional.of("/opt/cfg"),
                Map.of("HANGTIME_CONFIG_DIR", "/env/cfg"), "/home/u"));
        assertEquals(Path.of("/env/cfg"), ConfigDirectory.resolve(Optional.empty(),
                Map.of("HANGTIME_CONFIG_DIR", "/env/cfg", "XDG_CONFIG_HOME", "/xdg"), "/home/u"));
        assertEquals(Path.of("/xdg/hangtime"), ConfigDirectory.resolve(Optional.empty(),
                Map.of("XDG_CONFIG_HOME", "/xdg"), "/home/u"));
        assertEquals(Path.of("/home/u/.config/hangtime"), ConfigDirectory.resolve(Optional.empty(),
                Map.of("XDG_CONFIG_HOME", "relative/ignored"), "/home/u"));
        assertEquals(Path.of("/home/u/.config/hangtime"), ConfigDirectory.resolve(Optional.empty(), Map.of(), "/home/u"));
    }
}
