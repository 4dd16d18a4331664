package io.jenkins.plugins.runwayupscale.client;

/** The three calls the engine makes; each has its own retry rules because only reads are safe to repeat. */
enum CallKind {
    SUBMIT("submitting the upscale task", 4),
    READ("reading the task", 10),
    CANCEL("cancelling the task", 2);

    private final String doing;
    private final int maxAttempts;

    CallKind(String doing, int maxAttempts) {
        this.doing = doing;
        this.maxAttempts = maxAttempts;
    }

    String doing() {
        return doing;
    }

    int maxAttempts() {
        return maxAttempts;
    }
}
