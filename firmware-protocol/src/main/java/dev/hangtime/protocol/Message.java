package dev.hangtime.protocol;

/**
 * One protocol message body, carried either as a BLE characteristic value or inside a serial
 * frame (PROTOCOL.md §2). Every message knows its serial frame type byte.
 */
public sealed interface Message
        permits Measurement, Status, DeviceInfo, ControlRequest, ControlResponse {

    /** The frame type byte of this message on the serial carrier (PROTOCOL.md §2). */
    MessageType type();
}
