package org.replkit.receivers.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body without ever buffering more than the limit (SYNC-ERR-05). */
final class BodyReader {

    /** 1 MiB: a record is a few KiB, so anything larger is refused with 413. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private BodyReader() {
    }

    static byte[] read(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            // The client went away or sent a broken chunked body: its mistake, not ours.
            throw Rejection.badRequest("unreadable_body", "the request body could not be read completely");
        }
    }

    private static Rejection tooLarge() {
        return new Rejection(413, "payload_too_large", "request body is larger than 1 MiB (" + MAX_BODY_BYTES + " bytes)");
    }
}
