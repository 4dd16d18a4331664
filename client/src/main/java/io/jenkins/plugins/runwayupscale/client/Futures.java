package io.jenkins.plugins.runwayupscale.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The failure behind the wrappers that futures put around it. */
final class Futures {
    private Futures() {}

    /** The first cause that is not a {@link CompletionException} or an {@link ExecutionException}. */
    static Throwable cause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
