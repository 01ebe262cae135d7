package org.replkit.conformance.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One POST of a large body over HTTP/1.1 the way curl (and so pg_net) sends it: the headers with
 * {@code Expect: 100-continue}, then the body once the server says 100 Continue, or after a second of
 * silence; a server that answers at once (413) is read without the body being sent. The JDK's
 * HttpClient of Java 17 hangs when the final answer comes instead of 100 Continue, so this request
 * does not go through it.
 */
final class ExpectContinue {

    /** How long curl waits for 100 Continue before it sends the body anyway. */
    private static final int CONTINUE_WAIT_MS = 1_000;

    private ExpectContinue() {}

    /** The answer: status, headers and body; throws IOException when none came. */
    record Response(int status, Map<String, String> headers, byte[] body) {}

    static Response post(URI url, byte[] body, Map<String, String> headers, Duration answerTimeout) throws IOException {
        if (!"http".equalsIgnoreCase(url.getScheme())) {
            throw new IOException("large bodies are sent over plain HTTP only");
        }
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), 5_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(url.getHost()).append(':').append(port).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Expect: 100-continue\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            socket.setSoTimeout(CONTINUE_WAIT_MS);
            Response early = null;
            try {
                Response first = read(in);
                if (first.status() != 100) {
                    early = first; // a final answer before the body: it is not sent
                }
            } catch (SocketTimeoutException silence) {
                // No 100 Continue within a second: send the body anyway, as curl does.
            }
            if (early != null) {
                return early;
            }
            socket.setSoTimeout((int) answerTimeout.toMillis());
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // The server may have answered and closed while the body was on its way: read what it said.
            }
            Response r;
            do {
                r = read(in);
            } while (r.status() == 100);
            return r;
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.merge(h.substring(0, colon).trim(), h.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        if (status == 100) {
            return new Response(100, headers, new byte[0]);
        }
        return new Response(status, headers, body(in, headers));
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        String length = header(headers, "Content-Length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.trim()));
        }
        String encoding = header(headers, "Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                b.write(in.readNBytes(size));
                line(in);
            }
            return b.toByteArray();
        }
        return in.readAllBytes(); // until the server closes, as Connection: close asks
    }

    private static int chunkSize(String line) {
        if (line == null) {
            return 0;
        }
        int semi = line.indexOf(';');
        return Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** One CRLF-ended line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
