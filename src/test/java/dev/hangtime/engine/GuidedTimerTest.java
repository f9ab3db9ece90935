package dev.hangtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuidedTimerTest {

    private final GuidedTimer timer = GuidedTimer.WAKE_STRETCHES;

    @Test
    void theBedStretchesLastTwoToThreeMinutes() {
        assertEquals(170_000, timer.totalMs());
        assertTrue(timer.totalMs() >= 120_000 && timer.totalMs() <= 180_000);
    }

    @Test
    void positionNamesTheStageAndCountsDownBothTheStageAndTheWhole() {
        GuidedTimer.Position p = timer.at(45_000);
        assertEquals(1, p.index());
        assertEquals("Pelvic tilts", p.stage().name());
        assertEquals(15_000, p.stageRemainingMs());
        assertEquals(125_000, p.totalRemainingMs());
        assertFalse(p.finished());
    }

    @Test
    void aStageBoundaryBelongsToTheNextStage() {
        assertEquals(1, timer.at(30_000).index());
        assertEquals(0, timer.at(29_999).index());
        assertEquals(0, timer.at(-5).index());
    }

    @Test
    void afterTheLastStageTheTimerIsFinished() {
        GuidedTimer.Position p = timer.at(170_000);
        assertTrue(p.finished());
        assertEquals(0, p.totalRemainingMs());
        assertEquals(timer.stages().size(), p.index());
    }
}
