package org.bluez;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusBoundProperty;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * BlueZ's {@code org.bluez.Adapter1} at {@code /org/bluez/hciN}, declared with BlueZ's own names so
 * that its documentation (org.bluez.Adapter(5)) is this interface's. Properties are bound getters
 * (dbus-java 5 {@link DBusBoundProperty}): on a remote object each getter is a Properties.Get call.
 */
@DBusInterfaceName("org.bluez.Adapter1")
public interface Adapter1 extends DBusInterface {

    /**
     * Starts device discovery; found devices appear through ObjectManager.InterfacesAdded.
     *
     * @throws Error.NotReady   the adapter is not powered
     * @throws Error.InProgress this client already started discovery
     */
    void StartDiscovery();

    /** @throws Error.Failed this client had not started discovery */
    void StopDiscovery();

    /**
     * Sets this client's discovery filter: "UUIDs" (as), "RSSI" (n), "Pathloss" (q), "Transport" (s),
     * "DuplicateData" (b), "Discoverable" (b), "Pattern" (s). An empty map clears it.
     *
     * @throws Error.InvalidArguments an unknown key or a value of the wrong type
     */
    void SetDiscoveryFilter(Map<String, Variant<?>> filter);

    /** The filter keys this adapter supports. */
    List<String> GetDiscoveryFilters();

    /** Forgets a device (disconnecting it first). @throws Error.DoesNotExist no such device */
    void RemoveDevice(DBusPath device);

    @DBusBoundProperty(name = "Address", access = Access.READ)
    String getAddress();

    @DBusBoundProperty(name = "Name", access = Access.READ)
    String getName();

    @DBusBoundProperty(name = "Alias", access = Access.READ)
    String getAlias();

    @DBusBoundProperty(name = "Powered", access = Access.READ)
    boolean isPowered();

    @DBusBoundProperty(name = "Powered", access = Access.WRITE)
    void setPowered(boolean powered);

    @DBusBoundProperty(name = "Discovering", access = Access.READ)
    boolean isDiscovering();

    @DBusBoundProperty(name = "UUIDs", access = Access.READ)
    List<String> getUUIDs();
}
