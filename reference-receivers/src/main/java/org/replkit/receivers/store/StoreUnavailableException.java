package org.replkit.receivers.store;

/** The store cannot be reached or refused the write for a reason that may pass: answered 503. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
