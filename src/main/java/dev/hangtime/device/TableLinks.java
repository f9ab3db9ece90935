package dev.hangtime.device;

import dev.hangtime.device.ble.BleTableLink;
import dev.hangtime.device.serial.SerialTableLink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Opens the link a {@link DeviceSpec} names. */
public final class TableLinks {

    private TableLinks() {
    }

    /**
     * A link for a serial or BLE spec, not yet started. The simulator ({@code sim}) is not opened
     * here: the CLI builds it and wraps its channel in a {@link ChannelTableLink}.
     *
     * @throws IllegalArgumentException for {@code sim}
     */
    public static TableLink open(DeviceSpec spec, LinkOptions options, Clock clock, MeterRegistry metrics) {
        return switch (spec.kind()) {
            case SERIAL -> new SerialTableLink(spec.serialPath(), options, clock, metrics);
            case BLE -> new BleTableLink(spec.bleAddress(), options, clock, metrics);
            case SIMULATOR -> throw new IllegalArgumentException(
                    "the simulator is built by the CLI: wrap its MessageChannel in a ChannelTableLink");
        };
    }
}
