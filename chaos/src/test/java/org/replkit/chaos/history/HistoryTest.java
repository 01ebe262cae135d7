package org.replkit.chaos.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history file is JSON Lines another tool can read, and reads back to the same events. */
class HistoryTest {

    @Test
    void everyKindOfEventSurvivesTheRoundTripThroughTheFile(@TempDir Path dir) throws Exception {
        UUID id = UUID.randomUUID();
        Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
        List<Event> events = List.of(
                new Event.Run(t, 7, 180, 20, 0.5, new Event.Timing(5, 5000, List.of(5.0, 10.0, 20.0), 3, 30), "r", true,
                        List.of(new Event.Lane("patterns", "approved_patterns", id, "http://127.0.0.1:1/a", "http://127.0.0.1:2/a")),
                        List.of("latency"), Map.of("sender-crash", "why")),
                new Event.Fault(t, 1, "latency", "patterns", "start", 1.5, 6, 9000L, null),
                new Event.Commit(t, 1, "approved_patterns", "INSERT", id, t, Json.MAPPER.readTree("{\"name\":\"chaos-1\"}"), null),
                new Event.CommitFailed(t, 2, "approved_patterns", "UPDATE", id, "refused", false),
                new Event.Wire(t, "patterns", 1, id, "INSERT", t, 1L, "pass", t, 200, 1L, 1L, "ANSWERED", null, t),
                new Event.Drain(t, true, 3.5, 0),
                new Event.Item(1, "patterns", id, "approved_patterns", id, "INSERT", t, 1L, "success", 1, 200, null, t, t),
                new Event.Attempt(1, 1, 5, t, t, 200, null),
                new Event.Tick(t, t, "succeeded"),
                new Event.InstanceCounters("patterns", id, 1, 0, null, t),
                new Event.SenderRow("approved_patterns", id, t, 1L, Json.MAPPER.readTree("{\"name\":\"chaos-1\"}")),
                new Event.SenderWrites(List.of(1L)),
                new Event.ReceiverRow("patterns", id, false, null, null, null),
                new Event.ReceiverCount("patterns", "store", 0),
                new Event.Redelivery(t, "patterns", id, "oldest", t, 1, 200, 1L, 1L, null),
                new Event.RunEnded(t, null));
        Path file = dir.resolve("history.jsonl");
        try (HistoryWriter w = new HistoryWriter(file)) {
            events.forEach(w::append);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(events.size(), lines.size(), "one line per event");
        assertTrue(lines.get(0).startsWith("{\"type\":\"run\""), lines.get(0));
        assertTrue(lines.get(4).contains("\"receiver_status\":200"), "snake_case field names: " + lines.get(4));
        assertTrue(lines.get(2).contains("\"updated_at\":\"2026-01-02T03:04:05.123456Z\""), "instants as RFC 3339: " + lines.get(2));
        assertEquals(events, History.read(file).events());
    }

    @Test
    void aLineThatIsNotAnEventIsNamedByItsNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        Files.writeString(file, "{\"type\":\"end\",\"t\":\"2026-01-01T00:00:00Z\"}\n{\"type\":\"nonsense\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> History.read(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
