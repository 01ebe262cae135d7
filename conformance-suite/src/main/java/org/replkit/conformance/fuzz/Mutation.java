package org.replkit.conformance.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a campaign does to a rendered record request beyond replacing field values: flip bytes, cut
 * the body, wrap it, replace it, name a key twice, or send it with an odd Content-Type or header.
 */
public sealed interface Mutation {

    Request apply(Request r);

    /** What it does, for people; empty for none. */
    String describe();

    /** The request as rendered. */
    record None() implements Mutation {
        @Override
        public Request apply(Request r) {
            return r;
        }

        @Override
        public String describe() {
            return "";
        }
    }

    /** One byte XORed with a mask; the position wraps around the body's length. */
    record Flip(int position, int mask) {}

    record Flips(List<Flip> flips) implements Mutation {
        public Flips {
            flips = List.copyOf(flips);
        }

        @Override
        public Request apply(Request r) {
            byte[] b = r.body().clone();
            if (b.length == 0) {
                return r;
            }
            for (Flip f : flips) {
                int at = Math.floorMod(f.position(), b.length);
                b[at] = (byte) (b[at] ^ f.mask());
            }
            return r.withBody(b);
        }

        @Override
        public String describe() {
            List<String> each = new ArrayList<>();
            flips.forEach(f -> each.add("byte " + f.position() + " XOR 0x" + Integer.toHexString(f.mask())));
            return "bytes flipped (" + String.join(", ", each) + ")";
        }

        Flips without(int i) {
            List<Flip> rest = new ArrayList<>(flips);
            rest.remove(i);
            return new Flips(rest);
        }
    }

    /** The body cut after {@code permille} thousandths of its length (at least one byte, never all). */
    record Truncate(int permille) implements Mutation {
        @Override
        public Request apply(Request r) {
            byte[] b = r.body();
            int keep = Math.max(1, Math.min(b.length - 1, (int) ((long) b.length * permille / 1000)));
            return r.withBody(java.util.Arrays.copyOf(b, keep));
        }

        @Override
        public String describe() {
            return "the body cut after " + permille / 10.0 + "% of its length";
        }
    }

    /** The record between a prefix and a suffix: a top-level array, trailing garbage, a second record. */
    record Wrap(String label, String prefix, String suffix, boolean twice) implements Mutation {
        @Override
        public Request apply(Request r) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            return r.withBody((prefix + body + (twice ? body : "") + suffix).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String describe() {
            return label;
        }
    }

    /** A body that is no record at all: null, empty, a deep array, a number. */
    record RawBody(String label, String text) implements Mutation {
        @Override
        public Request apply(Request r) {
            return r.withBody(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String describe() {
            return "the body is " + label;
        }
    }

    /** The object's first key given twice: {"field": json, ...the record, field included...}. */
    record DuplicateKey(String field, String json) implements Mutation {
        @Override
        public Request apply(Request r) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (!body.startsWith("{")) {
                return r;
            }
            String dup = "{\"" + field + "\":" + json + (body.equals("{}") ? "" : ",");
            return r.withBody((dup + body.substring(1)).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String describe() {
            String shown = json.length() <= 40 ? json : json.substring(0, 40) + "…";
            return "the key " + field + " twice (first " + shown + ")";
        }
    }

    /**
     * An odd Content-Type, or none (null). With {@code latin1} the body is encoded in ISO-8859-1, as
     * the content type's charset says.
     */
    record ContentType(String value, boolean latin1) implements Mutation {
        @Override
        public Request apply(Request r) {
            Request out = r.withContentType(value);
            if (latin1) {
                out = out.withBody(new String(r.body(), StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1));
            }
            return out;
        }

        @Override
        public String describe() {
            return value == null ? "no Content-Type" : "Content-Type: " + value + (latin1 ? " (body in ISO-8859-1)" : "");
        }
    }

    /** One header set to an odd value, or removed (null). */
    record Header(String name, String value) implements Mutation {
        @Override
        public Request apply(Request r) {
            return r.withHeader(name, value);
        }

        @Override
        public String describe() {
            if (value == null) {
                return "no " + name + " header";
            }
            String shown = value.length() <= 48 ? value : value.substring(0, 40) + "… (" + value.length() + " characters)";
            return name + ": " + shown;
        }
    }

    /** A delivery made by hand: none of the X-Sync-* headers. */
    record NoSyncHeaders() implements Mutation {
        @Override
        public Request apply(Request r) {
            return r.withHeader(FuzzCase.EVENT_TYPE, null).withHeader(FuzzCase.TABLE, null).withHeader(FuzzCase.RECORD_ID, null);
        }

        @Override
        public String describe() {
            return "no X-Sync-* headers (a delivery by hand)";
        }
    }
}
