package org.replkit.conformance.http;

import org.replkit.conformance.model.Exchange;

/**
 * What a run lets through: called before every request and after every answer, so a run can stop a
 * check whose answers come too late, or stop everything at its deadline (by throwing
 * {@link org.replkit.conformance.model.CannotTell}).
 */
public interface Gate {

    Gate OPEN = new Gate() {
        @Override
        public void beforeSend() {}

        @Override
        public void afterAnswer(Exchange e) {}
    };

    void beforeSend();

    void afterAnswer(Exchange e);
}
