package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;

/**
 * Applies the retry table of docs/cometapi.md: maps a transport error or an HTTP answer to a typed failure
 * and says whether the call may be made again. Server text goes through {@link ServerText}.
 */
final class FailureClassifier {
    private final String model;
    private final ServerText text;

    FailureClassifier(ApiKey key, String model) {
        this.model = model;
        this.text = new ServerText(key);
    }

    CallFailure transport(ApiCall call, Throwable thrown) {
        Throwable t = Futures.cause(thrown);
        String what = describe(t, text);
        if (t instanceof OversizedAnswer) {
            // Reading it again would only fetch the same flood: final, for every kind of call.
            String refused =
                    "CometAPI's answer to " + call.doing() + " was refused: " + text.clean(t.getMessage(), 200) + ".";
            return CallFailure.finalFailure(new InvalidResponseException(
                    call.kind() == CallKind.SUBMIT ? refused + " " + uncertainSubmission() : refused,
                    call.unanswered()));
        }
        if (t instanceof BodyCutShort) {
            // The body was cut short before its end: the server cannot have acted on it, and sending it again
            // would meet the same file.
            return CallFailure.finalFailure(InvalidInputException.local("video file", t.getMessage()));
        }
        if (neverSent(t)) {
            return new CallFailure(
                    new TransportException(
                            "Could not reach CometAPI while " + call.doing() + ": " + what
                                    + ". Check the base URL, DNS and proxy settings.",
                            call.unanswered(),
                            false,
                            null),
                    true,
                    null);
        }
        if (call.kind() == CallKind.SUBMIT) {
            return CallFailure.finalFailure(new TransportException(
                    "The connection failed after the upscale request was sent (" + what + "). " + uncertainSubmission(),
                    call.unanswered(),
                    true,
                    null));
        }
        return new CallFailure(
                new TransportException(
                        "The connection failed while " + call.doing() + ": " + what + ".",
                        call.unanswered(),
                        true,
                        null),
                true,
                null);
    }

    CallFailure answer(ApiCall call, HttpAnswer answer, Instant now) {
        int status = answer.status();
        ErrorBody body = ErrorBody.parse(answer, text);
        CallFacts facts = call.answered(status, body.requestId());
        CallKind kind = call.kind();
        String where = "CometAPI answered HTTP " + status + " while " + call.doing() + ": " + body.describe();
        if (status >= 300 && status < 400) {
            String location = answer.header("location");
            return CallFailure.finalFailure(new InvalidResponseException(
                    "CometAPI answered with a redirect (HTTP " + status
                            + (location == null ? "" : " to " + text.clean(location, 200))
                            + ") while " + call.doing() + "; redirects are not followed. Check the base URL.",
                    facts));
        }
        if (status == 401 || status == 403) {
            return CallFailure.finalFailure(new AuthenticationException(
                    where + ". Check the CometAPI key: it may be missing, wrong, or out of quota.", facts));
        }
        if ((status == 400 || status == 404) && kind == CallKind.READ && body.isTaskNotExist()) {
            return CallFailure.finalFailure(new TaskLostException(
                    "CometAPI does not know task " + call.taskId() + " (task_not_exist).", facts, true));
        }
        if (status == 404 && kind == CallKind.READ) {
            return CallFailure.finalFailure(new TaskLostException(
                    where + ". The task is unknown to CometAPI (lost or deleted), or the base URL is wrong.",
                    facts,
                    false));
        }
        if (status == 404) {
            return CallFailure.finalFailure(new InvalidResponseException(where + ". Check the base URL.", facts));
        }
        if (status == 408) {
            return retry(new ServerErrorException(where + ".", facts), answer, now);
        }
        if (status == 429) {
            return retry(
                    new RateLimitedException(
                            where + ". The account's rate limit or daily cap was reached;"
                                    + " wait, or lower the number of parallel upscales.",
                            facts),
                    answer,
                    now);
        }
        if (status == 503) {
            return retry(
                    new ServerErrorException(where + ". CometAPI is shedding load; try again later.", facts),
                    answer,
                    now);
        }
        if (status >= 500 && "invalid_request".equalsIgnoreCase(body.code())) {
            return CallFailure.finalFailure(InvalidInputException.rejected(where + modelHint(body), facts));
        }
        if (status >= 500) {
            if (kind == CallKind.SUBMIT) {
                return CallFailure.finalFailure(new ServerErrorException(where + ". " + uncertainSubmission(), facts));
            }
            return retry(new ServerErrorException(where + ".", facts), answer, now);
        }
        if (status >= 400) {
            return CallFailure.finalFailure(InvalidInputException.rejected(where + modelHint(body), facts));
        }
        return CallFailure.finalFailure(new InvalidResponseException(
                "CometAPI answered HTTP " + status + " while " + call.doing() + ", which is not a success: "
                        + body.describe() + ".",
                facts));
    }

    /** The call was still under way at its deadline (no complete answer, or a retry pending) and was cut off. */
    TaskTimedOutException deadlineReached(ApiCall call, Duration spent, boolean sent) {
        if (!sent) {
            // Still queued for its turn (the key's rate, the engine's inline submissions): nothing left this machine.
            return new TaskTimedOutException(
                    "The deadline passed after " + Durations.describe(spent) + " while " + call.doing()
                            + ", before the request had its turn to be sent; nothing was sent"
                            + (call.kind() == CallKind.SUBMIT ? " and no task was created." : "."),
                    call.unanswered());
        }
        String what = "CometAPI had not answered completely after " + Durations.describe(spent) + " while "
                + call.doing() + ", the time the deadline allowed; the request was cancelled.";
        return new TaskTimedOutException(
                call.kind() == CallKind.SUBMIT ? what + " " + uncertainSubmission() : what, call.unanswered());
    }

    /** For 2xx answers whose content we could not use. */
    InvalidResponseException unusable(ApiCall call, HttpAnswer answer, String problem) {
        return new InvalidResponseException(
                "CometAPI's answer to " + call.doing() + " " + problem + ": \""
                        + text.excerpt(answer.body(), ServerText.MESSAGE_LIMIT) + "\"",
                call.answered(answer.status(), ErrorBody.requestIdHeader(answer, text)));
    }

    private static CallFailure retry(RunwayException error, HttpAnswer answer, Instant now) {
        return new CallFailure(error, true, RetryAfter.of(answer, now));
    }

    private String modelHint(ErrorBody body) {
        String m = body.message().toLowerCase(Locale.ROOT);
        if (m.contains("model")) {
            return ". " + RetiredModel.hint(model);
        }
        return ".";
    }

    static String uncertainSubmission() {
        return "The task may have been created (and billed) anyway; it was not resubmitted, to avoid paying twice."
                + " Check your CometAPI task log before running again.";
    }

    private static boolean neverSent(Throwable t) {
        return t instanceof ConnectException
                || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException
                || t instanceof ConnectTimeoutException
                || t instanceof RequestNotExecutedException
                || t instanceof SSLHandshakeException;
    }

    private static String describe(Throwable t, ServerText text) {
        String kind;
        if (t instanceof UnknownHostException) {
            kind = "unknown host";
        } else if (t instanceof ConnectTimeoutException) {
            kind = "connect timeout";
        } else if (t instanceof ConnectException) {
            kind = "connection refused";
        } else if (t instanceof SocketTimeoutException) {
            kind = "no answer in time (read timeout)";
        } else if (t instanceof IOException) {
            kind = "connection lost";
        } else {
            kind = "unexpected error";
        }
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? kind : kind + " (" + text.clean(msg, 200) + ")";
    }
}
