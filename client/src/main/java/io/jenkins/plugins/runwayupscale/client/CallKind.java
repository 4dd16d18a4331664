package io.jenkins.plugins.runwayupscale.client;

/** The three calls the engine makes; each has its own retry rules because only reads are safe to repeat. */
enum CallKind {
    SUBMIT("POST", 4),
    READ("GET", 10),
    CANCEL("DELETE", 2);

    private final String method;
    private final int maxAttempts;

    CallKind(String method, int maxAttempts) {
        this.method = method;
        this.maxAttempts = maxAttempts;
    }

    String method() {
        return method;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Whether an answer with this status is the call's result rather than a failure: 2xx, and for a cancel also
     * 404 and 405, which say that CometAPI has no cancel route (reported, not thrown).
     */
    boolean isResult(int status) {
        boolean success = status >= 200 && status < 300;
        return success || this == CANCEL && (status == 404 || status == 405);
    }
}
