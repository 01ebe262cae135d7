package org.replkit.chaos.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.UUID;

/**
 * The proxy's one stub, one version per {@link WireFault}: every request matches it, and the fault
 * it carries (in its metadata) is the one applied to the request for its whole exchange.
 */
final class FaultStubs {

    /** The stub's id: setting a fault replaces the stub in one step, so no request falls between two. */
    static final UUID STUB_ID = UUID.fromString("6c3f0a52-2f4e-4f57-9a3e-6b1f0c0d2a11");

    private static final String UNAVAILABLE_BODY =
            "{\"status\":\"error\",\"error\":\"unavailable\",\"message\":\"service unavailable (fault injected by the kit's proxy)\"}";
    private static final String OVERLOADED_BODY =
            "{\"status\":\"error\",\"error\":\"rate_limited\",\"message\":\"too many requests (fault injected by the kit's proxy)\"}";
    private static final String GONE_BODY =
            "{\"status\":\"error\",\"error\":\"gone\",\"message\":\"this instance was removed (fault injected by the kit's proxy)\"}";

    private FaultStubs() {
    }

    /** The stub that applies {@code fault} to the requests that arrive while it is set, forwarding to {@code origin}. */
    static MappingBuilder stub(WireFault fault, String origin) {
        return any(anyUrl()).withId(STUB_ID)
                .withMetadata(Metadata.metadata().attr("fault", fault.kind().name()).attr("millis", Math.toIntExact(fault.delayMillis())))
                .willReturn(answer(fault, origin));
    }

    private static ResponseDefinitionBuilder answer(WireFault fault, String origin) {
        return switch (fault.kind()) {
            // WireMock's own delay holds the answer, not the request: the latency fault must hold the
            // request and forward it afterwards, so that old snapshots reach the receiver late.
            case PASS, DELAY, RESET_AFTER_ANSWER -> aResponse().proxiedFrom(origin)
                    .withTransformers(HoldThenForward.NAME, ReceiverAnswer.NAME);
            case HOLD -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).withTransformers(HoldThenForward.NAME);
            case REFUSE -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case ANSWER_503 -> json(503, UNAVAILABLE_BODY);
            case ANSWER_429 -> json(429, OVERLOADED_BODY).withHeader("Retry-After", Long.toString(fault.retryAfterSeconds()));
            case ANSWER_410 -> json(410, GONE_BODY);
        };
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The fault the request of {@code event} met: the one of the stub version it matched. */
    static WireFault faultOf(ServeEvent event) {
        StubMapping stub = event.getStubMapping();
        Metadata m = stub == null ? null : stub.getMetadata();
        if (m == null || m.getString("fault", null) == null) {
            return WireFault.PASS;
        }
        return new WireFault(WireFault.Kind.valueOf(m.getString("fault")), m.getInt("millis", 0));
    }
}
