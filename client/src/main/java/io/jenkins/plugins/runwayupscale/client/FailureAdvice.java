package io.jenkins.plugins.runwayupscale.client;

import java.util.Locale;

/** Turns Runway's failure code into a sentence that says what happened and what to do next. */
final class FailureAdvice {
    private FailureAdvice() {}

    static String describe(RunwayTask task, String model) {
        String code = task.failureCode();
        StringBuilder text = new StringBuilder("Runway task ").append(task.id()).append(" failed");
        if (code != null && !code.isBlank()) {
            text.append(" [").append(code).append(']');
        }
        if (task.failure() != null && !task.failure().isBlank()) {
            text.append(": ").append(task.failure().strip());
        }
        text.append(". ").append(hint(code, task.failure(), model));
        return text.toString();
    }

    static String hint(String code, String failure, String model) {
        String c = code == null ? "" : code;
        if (c.startsWith("SAFETY") || c.startsWith("INPUT_PREPROCESSING.SAFETY")) {
            return "The video was rejected by content moderation; do not retry it unchanged "
                    + "(repeated moderation failures cost credits and can suspend the account).";
        }
        if (c.startsWith("INTERNAL.BAD_OUTPUT")) {
            return "Runway could not produce a usable output; a retry rarely helps, try a different input.";
        }
        if (c.equals("INTERNAL") || c.startsWith("INTERNAL.") || c.startsWith("INPUT_PREPROCESSING.INTERNAL")) {
            return "This is a transient problem on Runway's side; running the build again usually works.";
        }
        if (c.startsWith("ASSET.INVALID")) {
            return "The input video is not usable: check its URL, format (H.264, H.265, AV1, VP8/VP9, ProRes), "
                    + "size (32 MB by URL, 16 MB as data URI), resolution (below 4096 px a side) and length (at most 40 s).";
        }
        if (mentionsModel(failure, model)) {
            return RetiredModel.hint(model);
        }
        return "See the failure text above; fix the input or retry if it looks transient.";
    }

    private static boolean mentionsModel(String failure, String model) {
        if (failure == null) {
            return false;
        }
        String f = failure.toLowerCase(Locale.ROOT);
        return f.contains("model") || (model != null && f.contains(model.toLowerCase(Locale.ROOT)));
    }
}
