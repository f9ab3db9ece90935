package dev.hangtime.protocol;

import java.util.UUID;

/**
 * The Hangtime GATT service and its characteristics (PROTOCOL.md §1). The UUIDs share one
 * 128-bit base; hex digits 5-8 number the attribute, the tail spells "hangti" in ASCII.
 */
public final class GattProfile {

    /** The primary service a table advertises. */
    public static final UUID SERVICE = UUID.fromString("7a1e0001-4e2b-4c8a-9d3f-68616e677469");
    /** Measurement (PROTOCOL.md §3.1): notify, table to companion, one sample per notification. */
    public static final UUID MEASUREMENT = UUID.fromString("7a1e0002-4e2b-4c8a-9d3f-68616e677469");
    /** Control Point (PROTOCOL.md §4): companion writes requests, table indicates responses. */
    public static final UUID CONTROL_POINT = UUID.fromString("7a1e0003-4e2b-4c8a-9d3f-68616e677469");
    /** Status (PROTOCOL.md §3.2): read, and notify on change. */
    public static final UUID STATUS = UUID.fromString("7a1e0004-4e2b-4c8a-9d3f-68616e677469");
    /** Device Info (PROTOCOL.md §3.3): read. */
    public static final UUID DEVICE_INFO = UUID.fromString("7a1e0005-4e2b-4c8a-9d3f-68616e677469");

    /**
     * Bytes of a characteristic value that fit one notification at the default ATT MTU of 23
     * (23 minus the 3-byte ATT header). Every Measurement body fits it (PROTOCOL.md §3.1).
     */
    public static final int DEFAULT_ATT_PAYLOAD = 20;

    private GattProfile() {
    }
}
