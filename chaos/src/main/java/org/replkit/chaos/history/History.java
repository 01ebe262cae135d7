package org.replkit.chaos.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A history read back: every event, in file order, with a typed view per kind. */
public final class History {

    private final List<Event> events;

    public History(List<Event> events) {
        this.events = List.copyOf(events);
    }

    public static History read(Path file) {
        try (MappingIterator<Event> lines = Json.MAPPER.readerFor(Event.class).readValues(file.toFile())) {
            return new History(lines.readAll());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + " is not a history event: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history file " + file, e);
        }
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
