package org.replkit.load;

import java.util.Optional;
import org.replkit.spec.WebhookSignature;

/**
 * The Standard Webhooks secret of a load run, which signs every delivery and which the in-process
 * reference receivers then require. It comes from the environment ({@value #ENV}), never from a system
 * property or a command line, where any user of the machine could read it.
 */
public final class DeliverySigning {

    public static final String ENV = "KIT_SIGNING_SECRET";

    private DeliverySigning() {
    }

    /** The secret of this run, or empty for unsigned deliveries. */
    public static Optional<String> secret() {
        String s = System.getenv(ENV);
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    /** The signer of this run, or empty for unsigned deliveries. */
    public static Optional<WebhookSignature> signer() {
        return secret().map(WebhookSignature::fromSecret);
    }
}
