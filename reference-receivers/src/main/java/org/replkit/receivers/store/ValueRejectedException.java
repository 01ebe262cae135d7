package org.replkit.receivers.store;

/** The store refused a value that passed validation (for example out of its range): answered 400. */
public final class ValueRejectedException extends RuntimeException {

    public ValueRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
