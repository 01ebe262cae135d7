package org.replkit.chaos.proxy;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.replkit.chaos.proxy.Exchange.Outcome;

/**
 * After the receiver answered a forwarded request: notes its answer, and decides what reaches the
 * sender. A lost acknowledgement, a receiver that could not be reached and a sender that hung up
 * during a delay all end in a connection reset instead of the answer.
 */
final class ReceiverAnswer extends StubExtension implements ResponseTransformerV2 {

    static final String NAME = "receiver-answer";

    ReceiverAnswer(ExchangeNotes notes) {
        super(NAME, notes);
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        ExchangeNotes.Note note = notes.of(event);
        if (!response.isFromProxy()) { // WireMock's own answer: the receiver could not be reached
            note.outcome = Outcome.RECEIVER_UNREACHABLE;
            note.detail = response.getBodyAsString().strip().replaceAll("\\s*\\R\\s*", ": ");
            return reset(response);
        }
        note.receiverStatus = response.getStatus();
        note.receiverBody = response.getBody();
        switch (FaultStubs.faultOf(event).kind()) {
            case RESET_AFTER_ANSWER -> {
                note.outcome = Outcome.RESET_AFTER_ANSWER;
                return reset(response);
            }
            case DELAY -> {
                if (note.connection.hungUp()) {
                    note.outcome = Outcome.SENDER_GONE;
                    return reset(response);
                }
                note.outcome = Outcome.ANSWERED_LATE;
                return response;
            }
            default -> {
                note.outcome = Outcome.ANSWERED;
                return response;
            }
        }
    }

    private static Response reset(Response response) {
        return Response.Builder.like(response).but().fault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
}
