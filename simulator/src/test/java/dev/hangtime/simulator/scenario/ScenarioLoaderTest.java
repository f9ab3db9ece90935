package dev.hangtime.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private static Scenario parse(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(new StringReader(yaml), "test.yaml", "test");
    }

    private static ScenarioException failure(String yaml) {
        return assertThrows(ScenarioException.class, () -> parse(yaml));
    }

    static List<String> builtIns() {
        return ScenarioLoader.builtInNames();
    }

    @Test
    void atLeastTwelveScenariosShipAndTheyCoverEveryFault() throws ScenarioException {
        List<String> names = ScenarioLoader.builtInNames();
        assertTrue(names.size() >= 12, names::toString);
        assertTrue(names.containsAll(List.of("compliant-morning", "compliant-evening", "angle-overshoot", "overstay",
                "unresponsive-user")), names::toString);
        Set<String> faultKinds = new TreeSet<>();
        for (String name : names) {
            ScenarioLoader.loadBuiltIn(name).faults().forEach(f -> faultKinds.add(f.kind()));
        }
        assertEquals(new TreeSet<>(List.of("sensor-dropout", "stuck-sensor", "noise-spikes", "garbage", "crc-errors",
                "duplicate-sequence", "out-of-order", "reboot", "link-drop", "user-stays-down")), faultKinds);
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyBuiltInScenarioLoadsWithADescription(String name) throws ScenarioException {
        Scenario s = ScenarioLoader.load(name);
        assertEquals(name, s.name());
        assertTrue(s.description().length() > 20, "a description for people: " + s.description());
        assertTrue(!s.user().script().isEmpty());
    }

    @Test
    void aMinimalScenarioGetsTheDocumentedDefaults() throws ScenarioException {
        Scenario s = parse("""
                user:
                  script:
                    - tilt: 30
                """);
        assertEquals(20, s.sensor().rateHz());
        assertEquals(-80, s.table().uprightAngleDeg());
        assertEquals(90, s.table().reachDeg());
        assertEquals(UserSpec.Start.ON_SESSION, s.user().start());
        assertEquals(Duration.ofMillis(1500), s.user().reactionTime());
        assertEquals(List.of(new ScriptStep.Tilt(30, 8)), s.user().script());
    }

    @Test
    void stepsAndFaultsReadAsWritten() throws ScenarioException {
        Scenario s = parse("""
                user:
                  speed: 5
                  script:
                    - tilt: 40
                      speed: 3
                    - hold: 1m30s
                    - come-up
                faults:
                  - at: 250ms
                    fault: link-drop
                    duration: 1.5s
                  - at: 2m
                    fault: sensor-dropout
                    duration: 5s
                    flagged: true
                """);
        assertEquals(List.of(new ScriptStep.Tilt(40, 3), new ScriptStep.Hold(Duration.ofSeconds(90)),
                new ScriptStep.ComeUp()), s.user().script());
        assertEquals(new FaultSpec.LinkDrop(Duration.ofMillis(250), Duration.ofMillis(1500)), s.faults().get(0));
        assertEquals(new FaultSpec.SensorDropout(Duration.ofMinutes(2), Duration.ofSeconds(5), true), s.faults().get(1));
    }

    @Test
    void misspelledFieldNamesTheKeyItsLineAndTheNearestKnownField() {
        ScenarioException e = failure("""
                description: x
                sesnor:
                  rate: 20
                user:
                  script: [ {tilt: 10} ]
                """);
        assertEquals("test.yaml", e.file());
        assertEquals(2, e.line());
        assertEquals("sesnor", e.field());
        assertTrue(e.getMessage().contains("did you mean 'sensor'"), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.yaml:2:1: sesnor: unknown field"), e.getMessage());
    }

    @Test
    void sampleRateOutsideTenToHundredHertzIsRejectedAtItsLine() {
        ScenarioException e = failure("""
                sensor:
                  noise: 0.1
                  rate: 200
                user:
                  script: [ {tilt: 10} ]
                """);
        assertEquals(3, e.line());
        assertEquals("sensor.rate", e.field());
        assertTrue(e.problem().contains("allowed 10..100 Hz"), e.problem());
    }

    @Test
    void unknownFaultNameListsTheKnownOnes() {
        ScenarioException e = failure("""
                user:
                  script: [ {tilt: 10} ]
                faults:
                  - at: 1m
                    fault: lightning
                """);
        assertEquals(5, e.line());
        assertEquals("faults[0].fault", e.field());
        assertTrue(e.problem().contains("unknown fault 'lightning'") && e.problem().contains("link-drop"), e.problem());
    }

    @Test
    void durationWithoutAUnitIsAnError() {
        ScenarioException e = failure("""
                user:
                  script:
                    - tilt: 10
                    - hold: 90
                """);
        assertEquals(4, e.line());
        assertEquals("user.script[1].hold", e.field());
        assertTrue(e.problem().contains("needs a unit"), e.problem());
    }

    @Test
    void tiltBeyondTheMechanicalMaximumIsAnError() {
        ScenarioException e = failure("""
                table:
                  maxAngle: 70
                user:
                  script:
                    - tilt: 80
                """);
        assertEquals(5, e.line());
        assertEquals("user.script[0].tilt", e.field());
        assertTrue(e.problem().contains("mechanical maximum 70"), e.problem());
    }

    @Test
    void tetherBeyondTheMechanicalMaximumIsAnError() {
        ScenarioException e = failure("""
                table:
                  maxAngle: 70
                  tether: 75
                user:
                  script: [ {tilt: 10} ]
                """);
        assertEquals(3, e.line());
        assertEquals("table.tether", e.field());
    }

    @Test
    void brokenYamlSyntaxNamesTheLine() {
        ScenarioException e = failure("""
                user:
                  script:
                    - tilt: [30
                    - hold: 1m
                """);
        assertTrue(e.line() >= 3, "line " + e.line());
        assertTrue(e.problem().startsWith("not valid YAML"), e.problem());
    }

    @Test
    void aMissingUserIsNamed() {
        ScenarioException e = failure("seed: 3\n");
        assertEquals("user", e.field());
        assertTrue(e.problem().contains("required"), e.problem());
    }

    @Test
    void aDuplicatedKeyNamesBothLines() {
        ScenarioException e = failure("""
                seed: 1
                user:
                  script: [ {tilt: 10} ]
                seed: 2
                """);
        assertEquals(4, e.line());
        assertEquals("seed", e.field());
        assertTrue(e.problem().contains("first on line 1"), e.problem());
    }

    @Test
    void aBooleanThatIsNotTrueOrFalseIsAnError() {
        ScenarioException e = failure("""
                sensor:
                  calibrated: maybe
                user:
                  script: [ {tilt: 10} ]
                """);
        assertEquals("sensor.calibrated", e.field());
        assertEquals(2, e.line());
    }

    @Test
    void anUnknownStepWordIsAnError() {
        ScenarioException e = failure("""
                user:
                  script:
                    - tilt: 10
                    - jump
                """);
        assertEquals("user.script[1]", e.field());
        assertTrue(e.problem().contains("unknown step 'jump'"), e.problem());
    }

    @Test
    void anUnknownChoiceListsTheAllowedWords() {
        ScenarioException e = failure("""
                user:
                  onAlarm: panic
                  script: [ {tilt: 10} ]
                """);
        assertEquals("user.onAlarm", e.field());
        assertTrue(e.problem().contains("return, ignore"), e.problem());
    }

    @Test
    void anEmptyFileIsAnError() {
        ScenarioException e = failure("");
        assertTrue(e.problem().contains("empty"), e.problem());
    }

    @Test
    void anUnknownBuiltInNameListsTheBuiltIns() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("no-such-scenario"));
        assertTrue(e.getMessage().contains("compliant-morning"), e.getMessage());
    }

    @Test
    void aFileIsLoadedByPathAndNamedAfterIt() throws Exception {
        Path file = dir.resolve("my-session.yaml");
        Files.writeString(file, "user:\n  script:\n    - tilt: 20\n");
        Scenario s = ScenarioLoader.load(file.toString());
        assertEquals("my-session", s.name());
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(dir.resolve("absent.yaml").toString()));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    @Test
    void aBadFileOnDiskIsReportedWithItsPathAndLine() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "user:\n  script:\n    - tilt: 20\n  speeed: 3\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file.toString()));
        assertEquals(file.toString(), e.file());
        assertEquals(4, e.line());
        assertEquals("user.speeed", e.field());
        assertInstanceOf(String.class, e.problem());
    }
}
