package dev.hangtime.simulator.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A simulated session as data: the table, its sensor, the user on it and the faults to inject.
 * Loaded from {@code simulator/scenarios/*.yaml} by {@link ScenarioLoader}; see docs/SIMULATOR.md.
 *
 * @param name        the scenario's name (its file name without {@code .yaml})
 * @param description one or two sentences for people
 * @param seed        seeds every random draw (noise, spikes, garbage), so a run is repeatable
 * @param table       the mechanics and firmware of the table
 * @param sensor      the angle sensor
 * @param user        the person on the table
 * @param ble         how the table appears over Bluetooth LE (fake BlueZ carrier)
 * @param faults      faults in the order they were written
 */
public record Scenario(String name, String description, long seed, TableSpec table, SensorSpec sensor,
                       UserSpec user, BleSpec ble, List<FaultSpec> faults) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(ble, "ble");
        faults = List.copyOf(faults);
    }

    /** The same scenario with another sample rate (the CLI's {@code --rate}). */
    public Scenario withSampleRate(int rateHz) {
        return new Scenario(name, description, seed, table,
                new SensorSpec(rateHz, sensor.noiseDeg(), sensor.resolutionDeg(), sensor.offsetDeg(),
                        sensor.calibrated(), sensor.angularRate()),
                user, ble, faults);
    }
}
