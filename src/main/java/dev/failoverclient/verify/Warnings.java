package dev.failoverclient.verify;

import dev.failoverclient.history.Entry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What weakens the verdict, as the writers said it (a user that writes through read_only), each once. */
public record Warnings(List<String> messages) implements Finding {

    public Warnings {
        messages = List.copyOf(messages);
    }

    static final class Collector implements Check {
        private final Set<String> messages = new LinkedHashSet<>();

        @Override
        public void accept(Entry e) {
            if (e instanceof Entry.Warning w) {
                messages.add(w.message());
            }
        }

        @Override
        public Warnings finish(long runEndMicros) {
            return new Warnings(new ArrayList<>(messages));
        }
    }
}
