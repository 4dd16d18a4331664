package io.jenkins.plugins.runwayupscale.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InlineSlotsTest {
    @Test
    void slotsPassToTheWaitingInTheOrderTheyCame() {
        InlineSlots slots = new InlineSlots(2);
        CompletableFuture<Void> first = slots.acquire();
        CompletableFuture<Void> second = slots.acquire();
        CompletableFuture<Void> third = slots.acquire();
        CompletableFuture<Void> fourth = slots.acquire();

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        assertThat(slots.waiting()).isEqualTo(2);

        slots.release();

        assertThat(third).isCompleted();
        assertThat(fourth).isNotDone();
        assertThat(slots.inUse()).isEqualTo(2);
    }

    @Test
    void aWaiterThatGaveUpIsSkippedAndNoSlotIsLost() {
        InlineSlots slots = new InlineSlots(1);
        slots.acquire();
        CompletableFuture<Void> gaveUp = slots.acquire();
        CompletableFuture<Void> next = slots.acquire();

        assertThat(gaveUp.cancel(false)).isTrue();
        assertThat(slots.waiting()).isEqualTo(1);
        slots.release();

        assertThat(next).isCompleted();
        slots.release();
        assertThat(slots.inUse()).isZero();
        assertThat(slots.acquire()).isCompleted();
    }

    @Test
    void atLeastOneSlot() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InlineSlots(0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EngineConfig.builder().maxInlineSubmissions(0));
        assertThat(EngineConfig.builder().build().maxInlineSubmissions()).isEqualTo(4);
    }
}
