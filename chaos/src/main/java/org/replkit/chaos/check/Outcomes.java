package org.replkit.chaos.check;

/** How the properties read one delivery attempt's outcome (its HTTP status; null when no answer came). */
final class Outcomes {

    private Outcomes() {
    }

    static boolean success(Integer status) {
        return status != null && status >= 200 && status < 300;
    }

    /**
     * Worth retrying: no answer (connection refused or reset, a timeout), a 5xx, 408, or 429. A 429
     * says "later", never "no": it must not fail an item.
     */
    static boolean retryable(Integer status) {
        return status == null || status >= 500 || status == 408 || status == 429;
    }

    /**
     * A failure that belongs to the instance, not to the record: no answer, 502, 503, 504 or 429. A
     * sender that pauses a receiver down as a whole keeps such items pending instead of counting the
     * attempt toward the item's retries.
     */
    static boolean instanceWide(Integer status) {
        return status == null || status == 429 || status == 502 || status == 503 || status == 504;
    }
}
