package org.replkit.chaos.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends events to the history file, one JSON object per line; safe to call from many threads. */
public final class HistoryWriter implements AutoCloseable {

    private final Path file;
    private final BufferedWriter out;

    public HistoryWriter(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history file " + file, e);
        }
    }

    public synchronized void append(Event event) {
        try {
            out.write(Json.MAPPER.writeValueAsString(event));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the history file " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the history file " + file, e);
        }
    }
}
