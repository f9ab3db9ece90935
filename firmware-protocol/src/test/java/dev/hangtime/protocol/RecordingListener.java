package dev.hangtime.protocol;

import java.util.ArrayList;
import java.util.List;

/** A hand-written listener fake: keeps messages and errors, and both in arrival order. */
final class RecordingListener implements DecodeListener {
    final List<Message> messages = new ArrayList<>();
    final List<DecodeError> errors = new ArrayList<>();
    /** Messages and error kinds interleaved, as text. */
    final List<String> events = new ArrayList<>();

    @Override
    public void onMessage(Message m) {
        messages.add(m);
        events.add("message " + m);
    }

    @Override
    public void onError(DecodeError e) {
        errors.add(e);
        events.add("error " + e.kind());
    }

    List<DecodeError.Kind> errorKinds() {
        return errors.stream().map(DecodeError::kind).toList();
    }
}
