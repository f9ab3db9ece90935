package dev.hangtime.store;

import dev.hangtime.engine.AlarmReason;
import dev.hangtime.engine.SafetyThresholds;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds a session's summary from what the store holds, for a session a crash left without one. Fed
 * the samples in recording order, then the alarm events. It follows the rules of the engine's
 * {@code SessionSummary} so a recomputed summary reads like a live one:
 * <ul>
 *   <li>"inverted" is the engine's hysteresis on trusted samples (calibrated, no fault, a finite angle,
 *       no implausible jump from the previous finite angle): it begins at {@code invertedEnterDeg} or more
 *       and ends below {@code invertedExitDeg}; an untrusted sample leaves the state as it was;</li>
 *   <li>time inverted sums the host-clock intervals between consecutive samples that start inverted, and
 *       each interval goes to the angle band of the sample that starts it: [.., 30°), [30°, 60°), [60°, ..];</li>
 *   <li>a sequence number that does not move forward (modulo 2^16) is a duplicate or late sample and is
 *       skipped, unless the device clock stepped back by more than a second (the device restarted); a
 *       jump forward by n counts n - 1 missing samples;</li>
 *   <li>alarm counts are the RAISED events by priority, and "within limits" means no ANGLE_LIMIT,
 *       TIME_LIMIT or CONTINUOUS_TIME_LIMIT alarm was raised.</li>
 * </ul>
 * Routine steps cannot be known from samples, so a recomputed summary reports them as unknown (-1). The
 * engine also sees the last sample before Start, which is not recorded: a gap or an interval inverted
 * across the moment of Start is counted by the engine and not here (EngineParityTest).
 * The engine keeps its summary inside its session state as it steps, with no function over stored
 * samples, hence this class; SummaryRecomputationTest holds it to the engine's result on the same samples.
 */
public final class SummaryRecomputation {

    /** Alarm reasons that mean a limit was breached (SessionSummary.withinLimits). */
    private static final Set<String> LIMIT_REASONS = Set.of(AlarmReason.ANGLE_LIMIT.name(),
            AlarmReason.TIME_LIMIT.name(), AlarmReason.CONTINUOUS_TIME_LIMIT.name());
    private static final int SEQUENCE_MODULUS = 1 << 16; // PROTOCOL.md §3.1: 16-bit sequence, wraps
    /** As the engine: a device clock this far behind the last sample's means the device restarted. */
    private static final long DEVICE_RESTART_BACKSTEP_MS = 1_000;
    /** As the engine: a device-clock interval longer than this is not trusted for the angular rate. */
    private static final long MAX_DEVICE_INTERVAL_MS = 60_000;

    private final double invertedEnterDeg;
    private final double invertedExitDeg;
    private final double minImplausibleJumpDeg;
    private final double maxPlausibleRateDegPerS;

    private boolean any;
    private int lastSequence;
    private long lastDeviceTimeMs;
    private long lastReceivedAtMs;
    private boolean haveFinite;
    private double finiteAngleDeg;
    private long finiteDeviceTimeMs;
    private long finiteReceivedAtMs;
    private double trustedAngleDeg = Double.NaN;
    private boolean inverted;
    private long timeInvertedMs;
    private final long[] bandMs = new long[3];
    private double maxAngleDeg = Double.NaN;
    private int inversions;
    private long missingSamples;
    private int discardedSamples;
    private long samples;

    /** With the engine's default thresholds. */
    public SummaryRecomputation() {
        this(SafetyThresholds.DEFAULTS);
    }

    public SummaryRecomputation(SafetyThresholds thresholds) {
        this.invertedEnterDeg = thresholds.invertedEnterDeg();
        this.invertedExitDeg = thresholds.invertedExitDeg();
        this.minImplausibleJumpDeg = thresholds.minImplausibleJumpDeg();
        this.maxPlausibleRateDegPerS = thresholds.maxPlausibleRateDegPerS();
    }

    /** Takes the next sample in recording order. */
    public void accept(StoredSample sample) {
        samples++;
        if (any) {
            int step = Math.floorMod(sample.sequence() - lastSequence, SEQUENCE_MODULUS);
            if (step == 0 || step > SEQUENCE_MODULUS / 2) {
                boolean restarted = sample.deviceTimeMs() + DEVICE_RESTART_BACKSTEP_MS < lastDeviceTimeMs;
                if (!restarted) {
                    discardedSamples++; // a duplicate, or one that arrived after a newer one
                    return;
                }
            } else {
                missingSamples += step - 1;
            }
            if (inverted) {
                long intervalMs = Math.max(0, sample.receivedAtMs() - lastReceivedAtMs);
                timeInvertedMs += intervalMs;
                bandMs[band(trustedAngleDeg)] += intervalMs;
            }
        }
        any = true;
        lastSequence = sample.sequence();
        lastDeviceTimeMs = sample.deviceTimeMs();
        lastReceivedAtMs = sample.receivedAtMs();
        double angle = sample.angleDeg();
        boolean finite = Double.isFinite(angle);
        boolean implausible = finite && haveFinite && implausibleJump(sample);
        if (finite) {
            haveFinite = true;
            finiteAngleDeg = angle;
            finiteDeviceTimeMs = sample.deviceTimeMs();
            finiteReceivedAtMs = sample.receivedAtMs();
        }
        boolean trusted = sample.calibrated() && !sample.sensorFault() && finite && !implausible;
        if (trusted) {
            trustedAngleDeg = angle;
            if (Double.isNaN(maxAngleDeg) || angle > maxAngleDeg) {
                maxAngleDeg = angle;
            }
            if (!inverted && angle >= invertedEnterDeg) {
                inverted = true;
                inversions++;
            } else if (inverted && angle < invertedExitDeg) {
                inverted = false;
            }
        }
    }

    /** Faster than a person on a table can move it: the engine distrusts such a sample. */
    private boolean implausibleJump(StoredSample sample) {
        double jumpDeg = Math.abs(sample.angleDeg() - finiteAngleDeg);
        if (jumpDeg < minImplausibleJumpDeg) {
            return false;
        }
        long deviceIntervalMs = sample.deviceTimeMs() - finiteDeviceTimeMs;
        long intervalMs = deviceIntervalMs > 0 && deviceIntervalMs <= MAX_DEVICE_INTERVAL_MS
                ? deviceIntervalMs : Math.max(1, sample.receivedAtMs() - finiteReceivedAtMs);
        return jumpDeg * 1000.0 / intervalMs > maxPlausibleRateDegPerS;
    }

    /** Samples taken so far, discarded ones included. */
    public long samples() {
        return samples;
    }

    /** Host time of the last sample used, or empty-handed -1 when there was none. */
    public long lastReceivedAtMs() {
        return any ? lastReceivedAtMs : -1;
    }

    /** The summary of the samples so far with the session's alarm events. */
    public StoredSummary summary(List<StoredAlarmEvent> alarmEvents) {
        int low = 0;
        int medium = 0;
        int high = 0;
        boolean limitBreached = false;
        for (StoredAlarmEvent event : alarmEvents) {
            if (!StoredAlarmEvent.RAISED.equals(event.transition())) {
                continue;
            }
            switch (event.priority()) {
                case "LOW" -> low++;
                case "MEDIUM" -> medium++;
                default -> high++; // an unknown priority name is counted as the most urgent
            }
            limitBreached |= LIMIT_REASONS.contains(event.reason());
        }
        return new StoredSummary(timeInvertedMs, bandMs[0], bandMs[1], bandMs[2], maxAngleDeg, inversions, low,
                medium, high, -1, -1, !limitBreached, missingSamples, discardedSamples, StoredSummary.RECOMPUTED);
    }

    /** Band index for the angle that starts an interval: [.., 30°), [30°, 60°), [60°, ..]. */
    private static int band(double angleDeg) {
        if (angleDeg >= 60.0) {
            return 2;
        }
        return angleDeg >= 30.0 ? 1 : 0;
    }
}
