package org.replkit.receivers.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body without ever buffering more than the limit (SYNC-ERR-05). */
final class BodyReader {

    /** 1 MiB: a record is a few KiB, so anything larger is refused with 413. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /**
     * How much of an oversized body is read and thrown away so the client gets to read the 413:
     * answering before the client has finished sending makes the server close the connection,
     * and the client sees a broken pipe instead of the answer. Beyond this, closing is fair.
     */
    private static final long MAX_DISCARDED_BYTES = 16L * 1024 * 1024;

    private BodyReader() {
    }

    /** Where the body read once (by the signature check, before the handler) is kept for the handler. */
    private static final String READ_BODY = BodyReader.class.getName() + ".body";

    /** The body: the one {@link #readAndKeep} kept, else read now (and not kept: nothing reads it again). */
    static byte[] read(Context ctx) {
        byte[] kept = ctx.attribute(READ_BODY);
        return kept != null ? kept : readBounded(ctx);
    }

    /** The body, read and kept for the handler that reads it after this filter. */
    static byte[] readAndKeep(Context ctx) {
        byte[] body = read(ctx);
        ctx.attribute(READ_BODY, body);
        return body;
    }

    private static byte[] readBounded(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            if (ctx.contentLength() > MAX_BODY_BYTES) {
                discard(in);
                throw tooLarge();
            }
            long declared = ctx.contentLength();
            // With a Content-Length, read exactly that much; a chunked body is read up to one byte past the limit.
            byte[] bytes = in.readNBytes(declared >= 0 ? (int) declared : MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                discard(in);
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            // The client went away or sent a broken chunked body: its mistake, not ours.
            throw Rejection.badRequest("unreadable_body", "SYNC-ERR-02", "the request body could not be read completely");
        }
    }

    private static void discard(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long discarded = 0;
        int n;
        while (discarded < MAX_DISCARDED_BYTES && (n = in.read(sink)) > 0) {
            discarded += n;
        }
    }

    private static Rejection tooLarge() {
        return new Rejection(413, "payload_too_large", "SYNC-ERR-05", "request body is larger than 1 MiB (" + MAX_BODY_BYTES + " bytes)");
    }
}
