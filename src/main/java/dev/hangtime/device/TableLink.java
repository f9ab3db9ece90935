package dev.hangtime.device;

import dev.hangtime.engine.TableCommand;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to a table, whatever carries it (serial, Bluetooth LE, the in-process simulator).
 *
 * <p>{@link #start} connects in the background and keeps reconnecting with a bounded backoff
 * after every loss, until {@link #close}. After each connection the link reads the table's device
 * info (refusing a protocol major version it does not speak) and takes control of the table
 * (PROTOCOL.md §4.4) before it reports {@link LinkEvent.LinkUp}; samples the table sends meanwhile
 * are delivered as they come.
 *
 * <p>Commands go one at a time (PROTOCOL.md §4.4): each waits for the answer to the one before,
 * except that Set Alarm and Return To Upright go ahead of commands still queued.
 *
 * <p>Events and command results are delivered on the link's own thread, never on a library's
 * callback thread: listeners and the stages chained onto {@link #send}'s futures must hand work
 * off and not block.
 */
public interface TableLink extends AutoCloseable {

    /** Starts connecting; events go to {@code listener} from now until {@link #close}. Call once. */
    void start(LinkListener listener);

    /**
     * Sends a command to the table's control point. The future always completes: with the table's
     * result code, with {@link CommandResult.Outcome#TIMEOUT} when no answer came within the
     * command timeout, or with {@link CommandResult.Outcome#LINK_DOWN} when the link is not up or
     * drops before the answer. It never completes exceptionally.
     */
    CompletableFuture<CommandResult> send(TableCommand command);

    /** What this link talks to, for people: {@code "serial /dev/ttyUSB0"}, {@code "BLE AA:BB:.. (Hangsense X3)"}. */
    String describe();

    /** Disconnects and stops reconnecting; pending commands complete with LINK_DOWN. Idempotent. */
    @Override
    void close();
}
