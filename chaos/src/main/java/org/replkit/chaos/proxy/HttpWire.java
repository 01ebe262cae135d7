package org.replkit.chaos.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Just enough HTTP/1.1 framing for a proxy that must know where one message ends: a head (start
 * line and headers) and a body delimited by Content-Length, chunked transfer coding, or (responses
 * only) the end of the connection. Bodies are kept both as sent on the wire and decoded.
 */
final class HttpWire {

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private HttpWire() {
    }

    /** One HTTP message: its head as sent, its headers, and its body (raw = as on the wire). */
    record Message(String startLine, List<String[]> headers, byte[] head, byte[] rawBody, byte[] body,
                   boolean closeDelimited) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        /** The status code of a response. */
        int status() {
            String[] parts = startLine.split(" ", 3);
            return Integer.parseInt(parts[1]);
        }

        String method() {
            return startLine.split(" ", 2)[0];
        }

        String target() {
            String[] parts = startLine.split(" ", 3);
            return parts.length > 1 ? parts[1] : "";
        }

        boolean wantsClose() {
            return header("Connection").map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false)
                    || startLine.endsWith("HTTP/1.0") || startLine.startsWith("HTTP/1.0");
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(head);
            out.write(rawBody);
            out.flush();
        }

        /** The same message with one header removed (its head rebuilt). */
        Message without(String name) {
            return withHeaders(headers.stream().filter(h -> !h[0].equalsIgnoreCase(name)).toList());
        }

        /** The same message with one more header. */
        Message withHeader(String name, String value) {
            List<String[]> more = new ArrayList<>(headers);
            more.add(new String[] {name, value});
            return withHeaders(List.copyOf(more));
        }

        private Message withHeaders(List<String[]> kept) {
            StringBuilder b = new StringBuilder(startLine).append("\r\n");
            kept.forEach(h -> b.append(h[0]).append(": ").append(h[1]).append("\r\n"));
            b.append("\r\n");
            return new Message(startLine, kept, b.toString().getBytes(StandardCharsets.ISO_8859_1), rawBody, body,
                    closeDelimited);
        }
    }

    /** Reads a request head; null when the connection ends cleanly before its first byte. */
    static Message readRequestHead(InputStream in) throws IOException {
        byte[] head = readHead(in);
        return head == null ? null : parseHead(head, new byte[0], new byte[0], false);
    }

    /** Reads the body that belongs to a request head read by {@link #readRequestHead}. */
    static Message readRequestBody(InputStream in, Message head) throws IOException {
        return withBody(in, head, false);
    }

    /** Reads one response (1xx interim responses are skipped). */
    static Message readResponse(InputStream in, String requestMethod) throws IOException {
        while (true) {
            byte[] headBytes = readHead(in);
            if (headBytes == null) {
                throw new EOFException("the connection closed before a response");
            }
            Message head = parseHead(headBytes, new byte[0], new byte[0], false);
            int status = head.status();
            if (status >= 100 && status < 200) {
                continue;
            }
            if (requestMethod.equalsIgnoreCase("HEAD") || status == 204 || status == 304) {
                return head;
            }
            return withBody(in, head, true);
        }
    }

    private static Message withBody(InputStream in, Message head, boolean response) throws IOException {
        Optional<String> te = head.header("Transfer-Encoding");
        if (te.isPresent() && te.get().toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, raw);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                if (size == 0) {
                    // trailers, up to an empty line
                    while (!readLine(in, raw).isEmpty()) {
                        // ignored
                    }
                    break;
                }
                if (decoded.size() + size > MAX_BODY) {
                    throw new IOException("body larger than " + MAX_BODY + " bytes");
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new EOFException("the connection closed inside a chunk");
                }
                raw.write(chunk);
                decoded.write(chunk);
                readLine(in, raw); // CRLF after the chunk
            }
            return new Message(head.startLine(), head.headers(), head.head(), raw.toByteArray(), decoded.toByteArray(), false);
        }
        Optional<String> length = head.header("Content-Length");
        if (length.isPresent()) {
            long n = Long.parseLong(length.get().trim());
            if (n < 0 || n > MAX_BODY) {
                throw new IOException("unacceptable Content-Length " + n);
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new EOFException("the connection closed inside the body");
            }
            return new Message(head.startLine(), head.headers(), head.head(), body, body, false);
        }
        if (!response) {
            return head; // a request without either header has no body
        }
        byte[] body = in.readNBytes(MAX_BODY);
        return new Message(head.startLine(), head.headers(), head.head(), body, body, true);
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (out.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection closed inside a message head");
            }
            out.write(b);
            if (out.size() > MAX_HEAD) {
                throw new IOException("message head larger than " + MAX_HEAD + " bytes");
            }
            // \r\n\r\n, tolerating bare \n line ends
            if (b == '\n') {
                matched++;
                if (matched == 2) {
                    return out.toByteArray();
                }
            } else if (b != '\r') {
                matched = 0;
            }
        }
    }

    private static Message parseHead(byte[] head, byte[] rawBody, byte[] body, boolean closeDelimited) throws IOException {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IOException("empty start line");
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + lines[i]);
            }
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        return new Message(lines[0], List.copyOf(headers), head, rawBody, body, closeDelimited);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed inside a chunked body");
            }
            raw.write(b);
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            line.append((char) b);
            if (line.length() > 4096) {
                throw new IOException("chunk line too long");
            }
        }
    }
}
