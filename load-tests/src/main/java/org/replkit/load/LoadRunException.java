package org.replkit.load;

/** A load run that could not take place (bad parameter, unreachable target); its message is for the user. */
public final class LoadRunException extends RuntimeException {

    public LoadRunException(String message) {
        super(message);
    }
}
