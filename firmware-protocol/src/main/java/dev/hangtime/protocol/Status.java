package dev.hangtime.protocol;

/**
 * Device health (PROTOCOL.md §3.2).
 *
 * @param flags          bit 0: battery level present (else mains powered)
 * @param batteryPercent 0..100 when present, else 0
 * @param faults         fault bits, see {@link StatusFaults}; kept verbatim, including bits this
 *                       version does not name (an unnamed fault is still a fault, PROTOCOL.md §3.2)
 * @param firmwareState  what the firmware is doing, see {@link FirmwareState}
 */
public record Status(int flags, int batteryPercent, int faults, FirmwareState firmwareState)
        implements Message {

    /** Flag bit 0: the battery byte holds a level (else the table runs on mains power). */
    public static final int BATTERY_PRESENT = 1;
    /** Every flag bit this version of the protocol defines. */
    public static final int KNOWN_FLAGS = BATTERY_PRESENT;

    public Status {
        Ranges.checkU8("flags", flags);
        // PROTOCOL.md §7: a message holds only the bits this version defines; a decoder clears the others
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("flags 0x" + Integer.toHexString(flags)
                    + " has bits this protocol version does not define");
        }
        if (batteryPercent < 0 || batteryPercent > 100) {
            throw new IllegalArgumentException("batteryPercent must be 0..100, was " + batteryPercent);
        }
        // PROTOCOL.md §3.2: without the battery flag the byte is 0, so equal messages encode equally
        if ((flags & BATTERY_PRESENT) == 0 && batteryPercent != 0) {
            throw new IllegalArgumentException("batteryPercent must be 0 when the battery flag is clear, was "
                    + batteryPercent);
        }
        Ranges.checkU16("faults", faults);
        java.util.Objects.requireNonNull(firmwareState, "firmwareState");
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS;
    }
}
