package dev.hangtime.protocol;

/**
 * Device health (PROTOCOL.md §3.2).
 *
 * @param flags          bit 0: battery level present (else mains powered)
 * @param batteryPercent 0..100 when present, else 0
 * @param faults         fault bits, see {@link StatusFaults}
 * @param firmwareState  what the firmware is doing, see {@link FirmwareState}
 */
public record Status(int flags, int batteryPercent, int faults, FirmwareState firmwareState)
        implements Message {

    public static final int BATTERY_PRESENT = 1;

    public Status {
        Ranges.checkU8("flags", flags);
        if (batteryPercent < 0 || batteryPercent > 100) {
            throw new IllegalArgumentException("batteryPercent must be 0..100, was " + batteryPercent);
        }
        Ranges.checkU16("faults", faults);
        java.util.Objects.requireNonNull(firmwareState, "firmwareState");
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS;
    }
}
