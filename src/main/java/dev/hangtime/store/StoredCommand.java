package dev.hangtime.store;

/**
 * A command sent to the table and how the table answered, a {@code command_event} row.
 *
 * @param atMs          host wall-clock time the command was sent, milliseconds since the epoch
 * @param command       the command's name, e.g. {@code PushLimits}
 * @param argumentsJson the command's fields as a JSON object, e.g. {@code {"maxAngleDeg":30.0}}
 * @param result        the outcome as the device layer named it, e.g. {@code SUCCESS}, {@code TIMEOUT}
 */
public record StoredCommand(long atMs, String command, String argumentsJson, String result) {
}
