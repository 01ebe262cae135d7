package org.replkit.chaos.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A history read back: every event, in file order, with a typed view per kind. */
public final class History {

    private final List<Event> events;

    public History(List<Event> events) {
        this.events = List.copyOf(events);
    }

    public static History read(Path file) {
        List<Event> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(Json.MAPPER.readValue(line, Event.class));
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + n + " is not a history event: " + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history file " + file, e);
        }
        return new History(events);
    }

    public List<Event> events() {
        return events;
    }

    public <T extends Event> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends Event> Optional<T> first(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public Event.Run run() {
        return first(Event.Run.class).orElseThrow(() -> new IllegalArgumentException("the history has no run event"));
    }
}
