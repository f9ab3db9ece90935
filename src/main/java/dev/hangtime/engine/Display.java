package dev.hangtime.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a screen (web display, terminal line) shows after an event, computed by the engine so
 * every screen says the same thing.
 *
 * @param phase                   the phase (ALARM while a HIGH alarm is active in a session)
 * @param angleDeg                the latest angle, degrees; NaN before any sample
 * @param dataStale               no sample within the stale timeout, none yet, or the link is down;
 *                                the angle must then be shown as stale
 * @param sampleAgeMs             age of the latest sample on the host clock; -1 before any
 * @param linkUp                  the link to the table is up
 * @param limitStatus             never WITHIN_LIMITS on stale or untrusted data
 * @param stepName                e.g. "Hold 1 min to 1 min 30 s"; "" outside a routine step
 * @param stepNumber              1-based; 0 outside a routine step
 * @param stepCount               steps in the routine
 * @param nextAction              what to do next, in plain words (e.g. "Hold at 20–30°. Breathe slowly.")
 * @param stepRemainingMs         the step's countdown (to a hold's minimum, then to its maximum; a
 *                                rest's remainder); -1 when the step has none
 * @param timeInvertedMs          time inverted so far in this session
 * @param maxTimeInvertedMs       its effective limit
 * @param timeInvertedRemainingMs the limit minus the time inverted (never negative)
 * @param continuousAboveMs       the current stay above the continuous-limit angle; -1 when the
 *                                routine sets no continuous limit
 * @param limits                  the effective limits in force
 * @param limitExplanations       one sentence per limit: "Angle limited to 30° by your beginner profile ..."
 * @param activeAlarms            active alarms, most urgent first
 * @param sounding                the priority the buzzer sounds (unacknowledged alarms); empty when silent
 * @param notice                  a short-lived notice, e.g. why Start was refused; "" when none
 */
public record Display(Phase phase, double angleDeg, boolean dataStale, long sampleAgeMs, boolean linkUp,
                      LimitStatus limitStatus, String stepName, int stepNumber, int stepCount,
                      String nextAction, long stepRemainingMs, long timeInvertedMs, long maxTimeInvertedMs,
                      long timeInvertedRemainingMs, long continuousAboveMs, EffectiveLimits limits,
                      List<String> limitExplanations, List<Alarm> activeAlarms,
                      Optional<AlarmPriority> sounding, String notice) {

    public Display {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(limitStatus, "limitStatus");
        Objects.requireNonNull(stepName, "stepName");
        Objects.requireNonNull(nextAction, "nextAction");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(limitExplanations, "limitExplanations");
        Objects.requireNonNull(activeAlarms, "activeAlarms");
        Objects.requireNonNull(sounding, "sounding");
        Objects.requireNonNull(notice, "notice");
    }
}
