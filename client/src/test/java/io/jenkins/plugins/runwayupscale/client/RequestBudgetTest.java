package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The per-key request budget, in virtual time: spacing, priorities, slowing down on 429 and recovering. */
class RequestBudgetTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final List<String> went = new ArrayList<>();

    private void acquire(RequestBudget budget, CallKind kind, String name) {
        budget.acquire(kind)
                .thenRun(() -> went.add(
                        name + "@" + Duration.between(T0, scheduler.now()).toMillis()));
    }

    @Test
    void requestsAreSpacedEvenlyAtTheCeiling() {
        RequestBudget budget = new RequestBudget(scheduler, 2);
        for (int i = 0; i < 5; i++) {
            acquire(budget, CallKind.READ, "r" + i);
        }
        scheduler.advanceBy(Duration.ofSeconds(10));

        assertThat(went).containsExactly("r0@0", "r1@500", "r2@1000", "r3@1500", "r4@2000");
    }

    @Test
    void submissionsGoBeforeWaitingReadsAndCancels() {
        RequestBudget budget = new RequestBudget(scheduler, 1);
        acquire(budget, CallKind.READ, "first");
        acquire(budget, CallKind.READ, "read");
        acquire(budget, CallKind.CANCEL, "cancel");
        acquire(budget, CallKind.SUBMIT, "submit");
        scheduler.advanceBy(Duration.ofSeconds(10));

        assertThat(went).containsExactly("first@0", "submit@1000", "read@2000", "cancel@3000");
    }

    @Test
    void a429HoldsEveryRequestForRetryAfterAndHalvesTheRate() {
        RequestBudget budget = new RequestBudget(scheduler, 10);
        budget.rateLimited(Duration.ofSeconds(3));
        acquire(budget, CallKind.READ, "a");
        acquire(budget, CallKind.READ, "b");
        scheduler.advanceBy(Duration.ofSeconds(4));

        assertThat(budget.rate()).isCloseTo(5.0 + 4 * 0.1, within(1e-9));
        // At 3 s the rate is back to 5.3 per second: one request every 188 ms.
        assertThat(went).containsExactly("a@3000", "b@3188");
    }

    @Test
    void halvesAtMostOnceASecondAndRecoversByAHundredthOfTheCeilingEachSecond() {
        RequestBudget budget = new RequestBudget(scheduler, 100);
        budget.rateLimited(null);
        budget.rateLimited(null);
        assertThat(budget.rate()).isEqualTo(50);

        scheduler.advanceBy(Duration.ofSeconds(1));
        budget.rateLimited(null);
        assertThat(budget.rate()).isEqualTo(25.5);

        scheduler.advanceBy(Duration.ofSeconds(10));
        assertThat(budget.rate()).isCloseTo(35.5, within(1e-9));
        scheduler.advanceBy(Duration.ofMinutes(5));
        assertThat(budget.rate()).isEqualTo(100);
    }

    @Test
    void neverSlowerThanOneRequestEveryTenSeconds() {
        RequestBudget budget = new RequestBudget(scheduler, 1);
        for (int i = 0; i < 20; i++) {
            budget.rateLimited(null);
            scheduler.advanceBy(Duration.ofSeconds(1));
            budget.rateLimited(null);
        }
        assertThat(budget.rate()).isGreaterThanOrEqualTo(RequestBudget.LOWEST_RATE);
    }

    @Test
    void aCancelledTurnGivesUpItsPlace() {
        RequestBudget budget = new RequestBudget(scheduler, 1);
        acquire(budget, CallKind.READ, "first");
        CompletableFuture<Void> dropped = budget.acquire(CallKind.READ);
        acquire(budget, CallKind.READ, "next");
        dropped.cancel(false);
        scheduler.advanceBy(Duration.ofSeconds(5));

        assertThat(went).containsExactly("first@0", "next@1000");
    }

    @Test
    void aRejectedCeilingSaysWhatIsAllowed() {
        assertThat(catchThrowable(() -> EngineConfig.builder().maxRequestsPerSecond(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above 0");
    }

    @Test
    void a429OnOneTaskSlowsEveryTaskOfTheKeyButNotOtherKeys() throws Exception {
        List<String> sent = new ArrayList<>();
        HttpTransport transport = new AnsweringTransport(call -> {
            String path = call.uri().getPath();
            String task = path.substring(path.lastIndexOf('/') + 1);
            String key = call.headers().get("Authorization").endsWith("one") ? "one" : "two";
            sent.add(key + ":" + task + "@"
                    + Duration.between(T0, scheduler.now()).toMillis());
            if (task.equals("limited") && sent.size() == 1) {
                return new HttpAnswer(429, Map.of("retry-after", "7"), "{\"error\":{\"message\":\"slow down\"}}");
            }
            return new HttpAnswer(200, Map.of(), "{\"id\":\"" + task + "\",\"status\":\"RUNNING\"}");
        });
        try (RunwayEngine engine = RunwayEngine.builder()
                .transport(transport)
                .scheduler(scheduler)
                .config(EngineConfig.builder().maxRequestsPerSecond(50).build())
                .build()) {
            RunwaySettings settings =
                    RunwaySettings.builder().baseUrl("https://api.example.com").build();
            RunwayClient one = engine.client(settings, ApiKey.of("sk-key-one"));
            RunwayClient sameKey = engine.client(settings, ApiKey.of("sk-key-one"));
            RunwayClient other = engine.client(settings, ApiKey.of("sk-key-two"));

            one.readTask("limited");
            sameKey.readTask("waiting");
            other.readTask("free");
            scheduler.advanceBy(Duration.ofSeconds(20));
        }
        assertThat(sent).startsWith("one:limited@0");
        assertThat(sent).contains("two:free@0");
        // Held 7 s by the Retry-After given to another task of the same key.
        assertThat(sent).anySatisfy(s -> assertThat(s).startsWith("one:waiting@7"));
        assertThat(sent).anySatisfy(s -> assertThat(s).startsWith("one:limited@7"));
    }
}
