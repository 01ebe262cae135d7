package org.replkit.conformance.checks.support;

import java.util.List;
import java.util.Set;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;

/**
 * How an answer to a client mistake is judged, so that each answer counts against exactly one
 * requirement:
 * <ul>
 *   <li>acknowledged (2xx): the mistake's owner fails, since it says the input is refused;</li>
 *   <li>a 5xx, another 4xx or no answer at all: SYNC-ERR-07 fails, the rule for how any refusal is
 *       answered, whatever the mistake; the owner cannot tell;</li>
 *   <li>a refusal the contract names (400, 413, 415) other than the one the owner asks for: the owner
 *       fails (a 400 where SYNC-ERR-05 wants 413);</li>
 *   <li>no answer within the kit's wait: SYNC-TIME-01's; the owner cannot tell;</li>
 *   <li>401: the bearer token was refused, SYNC-AUTH-01's; the owner cannot tell.</li>
 * </ul>
 */
public final class Refusals {

    /** The requirement that says how a refusal is answered. */
    public static final String FORM = "SYNC-ERR-07";

    /** The statuses a refusal may carry: 400, or 413 (too large) and 415 (wrong content type). */
    public static final Set<Integer> REFUSALS = Set.of(400, 413, 415);

    private Refusals() {}

    /** One answer judged: which requirement it counts against, and whether it keeps it. */
    public record Judgement(String requirementId, boolean kept, String message) {
        public boolean violates(String id) {
            return !kept && requirementId.equals(id);
        }
    }

    public static Judgement judge(BadInput input, Answer a) {
        String what = input.name();
        if (!a.answered()) {
            if (a.timedOut()) {
                return new Judgement("SYNC-TIME-01", false, what + ": no answer within the kit's wait");
            }
            return new Judgement(FORM, false, what + ": " + a.describeStatus()
                    + "; the sender sees a connection error and retries a request that can never succeed");
        }
        if (a.status() == 401) {
            // The kit sends the configured token with every client mistake: a 401 refuses the token,
            // which is SYNC-AUTH-01's to judge (or, with no token given, the kit cannot see past it).
            return new Judgement("SYNC-AUTH-01", false, what + " was answered 401: the receiver refused the bearer"
                    + " token, so the mistake itself was not judged");
        }
        if (a.is2xx()) {
            return new Judgement(input.owner(), false, what + " was acknowledged with " + a.status()
                    + "; it must be refused with " + statuses(input.wanted()));
        }
        if (!REFUSALS.contains(a.status())) {
            String why = a.status() >= 500 ? "a 5xx makes the sender retry a request that can never succeed"
                    : "a refusal is 400 (413 for a body too large, 415 for a wrong content type)";
            return new Judgement(FORM, false, what + " was answered " + a.status() + ": " + why);
        }
        if (!input.wanted().contains(a.status())) {
            return new Judgement(input.owner(), false, what + " was refused with " + a.status()
                    + "; expected " + statuses(input.wanted()));
        }
        return new Judgement(input.owner(), true, what + ": " + a.status());
    }

    /**
     * The owner's view of one answer: returns when the input was refused as the owner asks, fails
     * when the owner's rule is broken, and notes a cannot-tell when the answer is another rule's.
     */
    public static boolean refusedAsOwnerWants(BadInput input, Answer a, Unobserved unobserved) {
        Judgement j = judge(input, a);
        if (j.requirementId().equals(input.owner())) {
            if (!j.kept()) {
                throw new CheckFailure(j.message(), statuses(input.wanted()), a.describeStatus(), List.of(a.exchange()));
            }
            return true;
        }
        unobserved.note(new CannotTell(j.message() + " (" + j.requirementId() + " judges that)", j.requirementId(),
                List.of(a.exchange())));
        return false;
    }

    static String statuses(Set<Integer> wanted) {
        return wanted.stream().sorted().map(String::valueOf).reduce((x, y) -> x + " or " + y).orElse("?");
    }
}
