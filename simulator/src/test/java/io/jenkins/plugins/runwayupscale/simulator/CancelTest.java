package io.jenkins.plugins.runwayupscale.simulator;

import static io.jenkins.plugins.runwayupscale.simulator.Api.KEY;
import static io.jenkins.plugins.runwayupscale.simulator.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CancelTest {
    @RegisterExtension
    final Api api = Api.withClock();

    @Test
    void deleteCancelsARunningTaskFromThatMomentOn() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        api.clock.advance(Duration.ofSeconds(20));

        HttpResponse<String> r = api.delete(id);
        api.clock.advance(Duration.ofMinutes(5));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(api.status(id)).as("it never finishes after the cancel").isEqualTo("CANCELLED");
        assertThat(api.download(id).statusCode()).isEqualTo(404);
        assertThat(api.simulator().deleteCount()).isEqualTo(1);
    }

    @Test
    void deleteOfAFinishedTaskAnswers204AndLeavesItsOutcome() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");
        api.clock.advance(Duration.ofMinutes(2));

        assertThat(api.delete(id).statusCode()).isEqualTo(204);
        assertThat(api.status(id)).isEqualTo("SUCCEEDED");
    }

    @Test
    void deleteOfAnUnknownTaskIs404() throws Exception {
        assertThat(api.delete("no-such-task").statusCode()).isEqualTo(404);
    }

    @Test
    void cancelCanBeUnsupportedWith405Or404() throws Exception {
        String id = api.submit("https://a.example.com/v.mp4");

        api.simulator().cancelSupported(false);
        HttpResponse<String> notAllowed = api.delete(id);
        api.simulator().cancelRefusedWith(404);
        HttpResponse<String> notFound = api.delete(id);
        api.simulator().cancelSupported(true);

        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(json(notAllowed).at("/error/type").asText()).isEqualTo("comet_api_error");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(api.status(id)).as("refused cancels change nothing").isEqualTo("PENDING");
        assertThat(api.delete(id).statusCode()).isEqualTo(204);
        assertThat(api.status(id)).isEqualTo("CANCELLED");
        assertThat(api.simulator().deleteCount()).isEqualTo(3);
    }

    @Test
    void refusalIsConfigurableFromTheBuilderButOnlyAs404Or405() throws Exception {
        try (RunwaySimulator refusing = RunwaySimulator.builder()
                .apiKey(KEY)
                .cancelRefusedWith(404)
                .build()
                .start()) {
            Api refusingApi = new Api(refusing);
            String id = refusingApi.submit("https://a.example.com/v.mp4");

            assertThat(refusingApi.delete(id).statusCode()).isEqualTo(404);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> api.simulator().cancelRefusedWith(500));
    }
}
