/**
 * BlueZ's D-Bus API (bluetoothd on the system bus, name {@code org.bluez}), declared for dbus-java
 * with BlueZ's own interface, method and property names. The device layer uses these as a client;
 * the simulator's fake BlueZ implements them. See BlueZ's org.bluez.Adapter(5), org.bluez.Device(5),
 * org.bluez.GattService(5) and org.bluez.GattCharacteristic(5).
 */
package org.bluez;
