package io.jenkins.plugins.runwayupscale.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;

/**
 * Applies the retry table of cometapi-runway.md: maps a transport error or an HTTP answer to a typed failure
 * and says whether the call may be made again. Server text goes through {@link ServerText}.
 */
final class FailureClassifier {
    private final String model;
    private final ServerText text;

    FailureClassifier(ApiKey key, String model) {
        this.model = model;
        this.text = new ServerText(key);
    }

    CallFailure transport(CallKind kind, Throwable thrown, String subject) {
        Throwable t = unwrap(thrown);
        boolean neverSent = neverSent(t);
        String what = describe(t, text);
        if (neverSent) {
            return new CallFailure(
                    new TransportException(
                            "Could not reach CometAPI while " + kind.doing() + subject + ": " + what
                                    + ". Check the base URL, DNS and proxy settings.",
                            false,
                            null),
                    true,
                    null);
        }
        if (kind == CallKind.SUBMIT) {
            return CallFailure.finalFailure(new TransportException(
                    "The connection failed after the upscale request was sent (" + what + "). " + uncertainSubmission(),
                    true,
                    null));
        }
        return new CallFailure(
                new TransportException(
                        "The connection failed while " + kind.doing() + subject + ": " + what + ".", true, null),
                true,
                null);
    }

    CallFailure answer(CallKind kind, HttpAnswer answer, Instant now, String subject) {
        int status = answer.status();
        ErrorBody body = ErrorBody.parse(answer, text);
        String where = "CometAPI answered HTTP " + status + " while " + kind.doing() + subject + ": " + body.describe();
        if (status >= 300 && status < 400) {
            String location = answer.header("location");
            return CallFailure.finalFailure(new InvalidResponseException("CometAPI answered with a redirect (HTTP "
                    + status
                    + (location == null ? "" : " to " + text.clean(location, 200))
                    + ") while " + kind.doing() + subject + "; redirects are not followed. Check the base URL."));
        }
        if (status == 401 || status == 403) {
            return CallFailure.finalFailure(new AuthenticationException(
                    where + ". Check the CometAPI key: it may be missing, wrong, or out of quota."));
        }
        if ((status == 400 || status == 404) && kind == CallKind.READ && body.isTaskNotExist()) {
            return CallFailure.finalFailure(new TaskLostException(
                    "CometAPI does not know task" + subject.replace(" of task", "") + " (task_not_exist)"
                            + requestIdSuffix(body) + ".",
                    true));
        }
        if (status == 404 && kind == CallKind.READ) {
            return CallFailure.finalFailure(new TaskLostException(
                    where + ". The task is unknown to CometAPI (lost or deleted)," + " or the base URL is wrong.",
                    false));
        }
        if (status == 404) {
            return CallFailure.finalFailure(new InvalidResponseException(where + ". Check the base URL."));
        }
        if (status == 408) {
            return new CallFailure(new ServerErrorException(where, status), true, RetryAfter.of(answer, now));
        }
        if (status == 429) {
            return new CallFailure(
                    new RateLimitedException(where + ". The account's rate limit or daily cap was reached;"
                            + " wait, or lower the number of parallel upscales."),
                    true,
                    RetryAfter.of(answer, now));
        }
        if (status == 503) {
            return new CallFailure(
                    new ServerErrorException(where + ". CometAPI is shedding load; try again later.", status),
                    true,
                    RetryAfter.of(answer, now));
        }
        if (status >= 500 && "invalid_request".equalsIgnoreCase(body.code())) {
            return CallFailure.finalFailure(InvalidInputException.rejected(where + modelHint(body)));
        }
        if (status >= 500) {
            if (kind == CallKind.SUBMIT) {
                return CallFailure.finalFailure(new ServerErrorException(where + ". " + uncertainSubmission(), status));
            }
            return new CallFailure(new ServerErrorException(where, status), true, RetryAfter.of(answer, now));
        }
        if (status >= 400) {
            return CallFailure.finalFailure(InvalidInputException.rejected(where + modelHint(body)));
        }
        return CallFailure.finalFailure(new InvalidResponseException("CometAPI answered HTTP " + status + " while "
                + kind.doing() + subject + ", which is not a success: " + body.describe()));
    }

    /** For 2xx answers whose content we could not use. */
    InvalidResponseException unusable(CallKind kind, HttpAnswer answer, String problem, String subject) {
        return new InvalidResponseException("CometAPI's answer to " + kind.doing() + subject + " " + problem + ": \""
                + text.excerpt(answer.body(), ServerText.MESSAGE_LIMIT) + "\"");
    }

    private String modelHint(ErrorBody body) {
        String m = body.message().toLowerCase(java.util.Locale.ROOT);
        if (m.contains("model")) {
            return ". " + RetiredModel.hint(model);
        }
        return ".";
    }

    private static String requestIdSuffix(ErrorBody body) {
        return body.requestId() == null ? "" : " (request id: " + body.requestId() + ")";
    }

    static String uncertainSubmission() {
        return "The task may have been created (and billed) anyway; it was not resubmitted, to avoid paying twice."
                + " Check your CometAPI task log before running again.";
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
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
