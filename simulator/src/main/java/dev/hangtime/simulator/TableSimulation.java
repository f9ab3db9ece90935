package dev.hangtime.simulator;

import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.Status;
import dev.hangtime.simulator.model.AngleSensor;
import dev.hangtime.simulator.model.SimulatedUser;
import dev.hangtime.simulator.model.TableFirmware;
import dev.hangtime.simulator.model.TableMechanics;
import dev.hangtime.simulator.model.Transmitter;
import dev.hangtime.simulator.scenario.FaultSpec;
import dev.hangtime.simulator.scenario.Scenario;
import dev.hangtime.simulator.scenario.UserSpec;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scenario brought to life: the table's mechanics, its sensor, its firmware, the user on it and
 * the faults of the scenario, all on one {@link VirtualClock}.
 *
 * <p>Every 10 ms of simulated time the bed moves, the user acts and the firmware runs its loop
 * (watchdog, own alarm); at the sensor's rate the firmware samples and sends a measurement. Control
 * requests reach the firmware 2 ms after they were sent. What the table sends goes to every attached
 * {@link TableOutput} after each event. Given the same scenario and the same requests at the same
 * simulated times, a run produces the same events, bit for bit.
 */
public final class TableSimulation extends AbstractSimulatedTable {

    private static final Logger LOG = LoggerFactory.getLogger(TableSimulation.class);
    /** The physics and firmware loop period: 100 Hz, as fast as the fastest sample rate. */
    static final long PHYSICS_TICK_NANOS = 10_000_000L;
    /** How long the firmware takes to handle a Control Point write. */
    static final long REQUEST_LATENCY_NANOS = 2_000_000L;

    private final Scenario scenario;
    private final TableMechanics mechanics;
    private final AngleSensor sensor;
    private final Transmitter tx;
    private final SimulatedUser user;
    private final TableFirmware firmware;
    private final AtomicLong requestsLostWhileDown = new AtomicLong();
    private long lastPhysicsNanos;
    private boolean faultsScheduled;
    private VirtualClock.Periodic sampling;

    /** A simulation on its own clock. */
    public TableSimulation(Scenario scenario) {
        this(scenario, new VirtualClock());
    }

    /** A simulation on {@code clock}, which it takes over (its after-event hook delivers the events). */
    public TableSimulation(Scenario scenario, VirtualClock clock) {
        super(clock);
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        // separate streams, so that a garbage burst does not shift the sensor's noise
        Random sensorRandom = new Random(scenario.seed());
        Random lineRandom = new Random(scenario.seed() * 31 + 7);
        this.mechanics = new TableMechanics(scenario.table());
        this.sensor = new AngleSensor(scenario.sensor(), sensorRandom);
        this.tx = new Transmitter(this::now, lineRandom);
        this.user = new SimulatedUser(scenario.user(), scenario.table(), mechanics, this::scheduleFaults);
        this.firmware = new TableFirmware(scenario.table(), scenario.sensor(), sensor, mechanics, tx, user::secured,
                new TableFirmware.Listener() {
                    @Override
                    public void buzzerChanged(boolean sounding, long nowNanos) {
                        user.onBuzzer(sounding, nowNanos);
                    }

                    @Override
                    public void sessionStarted(long nowNanos) {
                        user.onSessionStarted(nowNanos);
                    }

                    @Override
                    public void sessionStopped(long nowNanos) {
                        user.onSessionStopped(nowNanos);
                    }
                });
        clock.setAfterEvent(this::deliver);
        clock.lock().lock();
        try {
            long start = clock.nowNanos();
            lastPhysicsNanos = start;
            clock.scheduleAt(start, () -> {
                firmware.boot(now());
                if (scenario.user().start() == UserSpec.Start.AT_ONCE) {
                    user.startNow(now());
                }
            });
            clock.scheduleEvery(PHYSICS_TICK_NANOS, this::physicsTick);
            startSampling();
        } finally {
            clock.lock().unlock();
        }
    }

    @Override
    public String name() {
        return scenario.name();
    }

    public Scenario scenario() {
        return scenario;
    }

    @Override
    public void receive(ControlRequest request) {
        Objects.requireNonNull(request, "request");
        clock.lock().lock();
        try {
            if (!tx.isLinkUp()) {
                requestsLostWhileDown.incrementAndGet();
                LOG.debug("request {} lost: the link is down", request);
                return;
            }
            clock.scheduleAt(clock.nowNanos() + REQUEST_LATENCY_NANOS, () -> firmware.onRequest(request, now()));
        } finally {
            clock.lock().unlock();
        }
    }

    @Override
    public void receiveMalformedControlPoint(byte[] value) {
        byte[] copy = value.clone();
        clock.lock().lock();
        try {
            if (!tx.isLinkUp()) {
                requestsLostWhileDown.incrementAndGet();
                return;
            }
            clock.scheduleAt(clock.nowNanos() + REQUEST_LATENCY_NANOS, () -> firmware.onMalformedRequest(copy, now()));
        } finally {
            clock.lock().unlock();
        }
    }

    @Override
    public void peerDisconnected() {
        clock.lock().lock();
        try {
            firmware.peerLost();
        } finally {
            clock.lock().unlock();
        }
    }

    @Override
    public boolean linkUp() {
        return withLock(tx::isLinkUp);
    }

    @Override
    public DeviceInfo deviceInfo() {
        return withLock(firmware::deviceInfo);
    }

    @Override
    public Status status() {
        return withLock(firmware::status);
    }

    // ------------------------------------------------------------------ truth, for tests and the CLI

    /** The bed's true angle, degrees (what the sensor should read). */
    public double trueAngleDeg() {
        return withLock(mechanics::angleDeg);
    }

    public SimulatedUser.Phase userPhase() {
        return withLock(user::phase);
    }

    /** When the user's script began, nanoseconds of simulated time; -1 before. */
    public long scriptStartedAtNanos() {
        return withLock(user::scriptStartedAtNanos);
    }

    public boolean buzzerSounding() {
        return withLock(firmware::buzzerSounding);
    }

    /** The firmware's own alarm (its watchdog's), OFF when only the companion's command sounds. */
    public dev.hangtime.protocol.ControlCommand.AlarmPattern ownAlarm() {
        return withLock(firmware::ownAlarm);
    }

    public boolean sessionActive() {
        return withLock(firmware::sessionActive);
    }

    public boolean motorEngaged() {
        return withLock(mechanics::motorEngaged);
    }

    /** The firmware's own count of time inverted, milliseconds. */
    public long timeInvertedMs() {
        return withLock(firmware::timeInvertedMs);
    }

    /**
     * Injects a fault on demand, outside the scenario: it begins at the current simulated time (its
     * {@code at} is ignored), as the next event of the clock, so its effects reach the carriers in
     * order like any other event. Safe from any thread.
     */
    public void inject(FaultSpec fault) {
        Objects.requireNonNull(fault, "fault");
        clock.lock().lock();
        try {
            clock.scheduleAt(clock.nowNanos(), () -> begin(fault));
        } finally {
            clock.lock().unlock();
        }
    }

    /** Control requests that arrived while the link was down and were lost. */
    public long requestsLostWhileDown() {
        return requestsLostWhileDown.get();
    }

    /** Frames the line corrupted so far. */
    public long framesCorrupted() {
        return withLock(tx::framesCorrupted);
    }

    /** Frames the firmware sent while the link was down (never delivered). */
    public long framesLostWhileDown() {
        return withLock(tx::framesLostWhileDown);
    }

    // ------------------------------------------------------------------ internals

    private long now() {
        return clock.nowNanos();
    }

    private void physicsTick() {
        long now = now();
        mechanics.advance((now - lastPhysicsNanos) / 1e9);
        lastPhysicsNanos = now;
        user.tick(now);
        firmware.tick(now);
    }

    private void startSampling() {
        sampling = clock.periodicAtRate(scenario.sensor().rateHz(), () -> firmware.sample(now()));
    }

    /** Runs when the user's script starts: faults are timed from it. */
    private void scheduleFaults() {
        if (faultsScheduled) {
            return;
        }
        faultsScheduled = true;
        long zero = Math.max(user.scriptStartedAtNanos(), now());
        for (FaultSpec f : scenario.faults()) {
            long at = zero + f.at().toNanos();
            clock.scheduleAt(at, () -> begin(f));
        }
    }

    private void begin(FaultSpec f) {
        long now = now();
        LOG.debug("fault {} at {} ms", f.kind(), now / 1_000_000L);
        if (f instanceof FaultSpec.SensorDropout d) {
            sensor.dropOut(now + d.duration().toNanos(), d.flagged());
        } else if (f instanceof FaultSpec.StuckSensor s) {
            sensor.stick(now + s.duration().toNanos());
        } else if (f instanceof FaultSpec.NoiseSpikes n) {
            sensor.spike(now + n.duration().toNanos(), n.magnitudeDeg(), n.probability());
        } else if (f instanceof FaultSpec.Garbage g) {
            tx.noise(g.bytes());
        } else if (f instanceof FaultSpec.CrcErrors c) {
            tx.corruptNext(c.frames());
        } else if (f instanceof FaultSpec.DuplicateSequence d) {
            tx.duplicateNext(d.frames());
        } else if (f instanceof FaultSpec.OutOfOrder o) {
            tx.swapNext(o.pairs());
        } else if (f instanceof FaultSpec.Reboot r) {
            firmware.startReboot(now);
            sampling.cancel();
            clock.scheduleAt(now + r.downtime().toNanos(), () -> {
                firmware.finishReboot(now());
                startSampling(); // the sample timer starts with the firmware, in step with its new clock
            });
        } else if (f instanceof FaultSpec.LinkDrop l) {
            tx.linkDown("link lost");
            firmware.peerLost();
            clock.scheduleAt(now + l.duration().toNanos(), tx::linkUp);
        } else if (f instanceof FaultSpec.UserStaysDown) {
            user.staysDown();
        }
    }

    /** After each event, without the lock: hand what the table sent to the carriers. */
    private void deliver() {
        List<LineEvent> events = withLock(tx::drain);
        for (LineEvent e : events) {
            send(e);
        }
    }
}
