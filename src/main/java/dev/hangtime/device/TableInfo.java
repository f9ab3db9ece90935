package dev.hangtime.device;

import java.util.Objects;

/**
 * What the connected table is (PROTOCOL.md §3.3), in the companion's units.
 *
 * @param model           the table model, e.g. "Teeter FitSpine X3 + hangsense"
 * @param firmwareVersion e.g. "1.4.2"
 * @param protocolMajor   the wire protocol's major version the table speaks
 * @param protocolMinor   the wire protocol's minor version the table speaks
 * @param minAngleDeg     smallest angle the table can reach, degrees from horizontal
 * @param maxAngleDeg     largest angle the table can reach, degrees (90 = vertical head-down)
 * @param motorised       the table can drive itself back to upright
 * @param sampleRateHz    measurements per second the table sends
 */
public record TableInfo(String model, String firmwareVersion, int protocolMajor, int protocolMinor,
                        double minAngleDeg, double maxAngleDeg, boolean motorised, int sampleRateHz) {
    public TableInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    }
}
