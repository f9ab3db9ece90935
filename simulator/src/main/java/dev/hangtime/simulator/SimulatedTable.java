package dev.hangtime.simulator;

import dev.hangtime.protocol.ControlRequest;
import dev.hangtime.protocol.DeviceInfo;
import dev.hangtime.protocol.Status;

/**
 * A table that exists only in software, as the carriers see it: either a {@link TableSimulation}
 * (physics, firmware, user, faults) or a {@link dev.hangtime.simulator.record.Replay} of a recording.
 * Time is its {@link VirtualClock}'s; carriers attach as {@link TableOutput}s and hand requests in.
 * All methods are safe to call from any thread.
 */
public interface SimulatedTable {

    /** The scenario's (or recording's) name. */
    String name();

    VirtualClock clock();

    /** Adds a carrier; it receives events from the next one on. */
    void addOutput(TableOutput output);

    void removeOutput(TableOutput output);

    /**
     * A control request from the companion. It reaches the firmware a moment later in simulated
     * time; while the link is down it is lost, as on a real radio.
     */
    void receive(ControlRequest request);

    /**
     * A Control Point write that did not decode (BLE). The firmware answers INVALID_PARAMETER when it
     * can read an op code and request id from it.
     */
    void receiveMalformedControlPoint(byte[] value);

    /** The peer disconnected (a BLE central went away): the firmware revokes its control. */
    void peerDisconnected();

    /** True while the table's link is up (no link-drop or reboot fault in progress). */
    boolean linkUp();

    /** What the table says it is, as its Device Info characteristic reads now. */
    DeviceInfo deviceInfo();

    /** The table's health, as its Status characteristic reads now. */
    Status status();
}
