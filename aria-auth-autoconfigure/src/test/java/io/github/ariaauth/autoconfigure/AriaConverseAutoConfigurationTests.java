package io.github.ariaauth.autoconfigure;

import java.time.Duration;

import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ConverseRequest;
import io.github.ariaauth.converse.ConverseResponse;
import io.github.ariaauth.converse.ConverseTask;
import io.github.ariaauth.converse.ReactiveAriaConverseClient;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link AriaConverseAutoConfiguration}: typed Converse clients over
 * {@code ariaRestClient} and {@code ariaWebClient}, speaking Aria's snake_case v2
 * envelope.
 */
class AriaConverseAutoConfigurationTests {

	private static final String ANSWER = """
			{"message_id": "m-2", "conversation_id": "c-1", "timestamp": "2026-01-01T00:00:00Z",
			 "content": {"text": "The balance is 120.00 USD.", "type": "RESPONSE", "confidence": 0.9,
			             "structured_data": {"response_type": "BILLING_INFO",
			                                 "data": {"balance": 120.0, "invoices": [{"no": 4711}]},
			                                 "schema_version": "1.0"}},
			 "metadata": {"source_agent": "billie", "in_reply_to_message_id": "m-1", "sequence_num": 2,
			              "trace": "t-9"},
			 "something_new": {"nested": true}}
			""";

	private final FakeAria aria = new FakeAria();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AriaAuthAutoConfiguration.class, AriaWebClientAutoConfiguration.class,
				AriaRestClientAutoConfiguration.class, AriaConverseAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class))
		.withPropertyValues(this.aria.properties())
		.withPropertyValues(FakeAria.QUICK_REACTOR_NETTY_SHUTDOWN);

	@AfterEach
	void closeServers() {
		this.aria.close();
	}

	@Test
	void registersBothClients() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AriaConverseClient.class)
			.hasBean("ariaConverseClient")
			.hasSingleBean(ReactiveAriaConverseClient.class)
			.hasBean("ariaReactiveConverseClient"));
	}

	@Test
	void converseSendsTheV2EnvelopeWithTheTokenAndReadsTheAnswer() {
		this.aria.apiAnswer = (request) -> json(200, ANSWER);
		this.contextRunner.run((context) -> {
			ConverseResponse answer = context.getBean(AriaConverseClient.class)
				.converse(ConverseRequest.question("What is my balance?"));
			assertAnswer(answer);
			assertQuestion(this.aria.takeApiRequest(), "/api/v2/converse");
		});
	}

	@Test
	void reactiveConverseSendsTheV2EnvelopeWithTheTokenAndReadsTheAnswer() {
		this.aria.apiAnswer = (request) -> json(200, ANSWER);
		this.contextRunner.run((context) -> {
			ConverseResponse answer = context.getBean(ReactiveAriaConverseClient.class)
				.converse(ConverseRequest.question("What is my balance?"))
				.block(Duration.ofSeconds(30));
			assertAnswer(answer);
			assertQuestion(this.aria.takeApiRequest(), "/api/v2/converse");
		});
	}

	@Test
	void submitPostsToV3WithTheCallbackUrlAndReturnsTheTaskId() {
		this.aria.apiAnswer = (request) -> json(202, "{\"message\": \"Request accepted\", \"task_id\": \"t-42\"}");
		this.contextRunner.run((context) -> {
			ConverseRequest question = ConverseRequest.question("Show my invoices")
				.withCallbackUrl("https://app.example.com/billie");
			ConverseTask task = context.getBean(AriaConverseClient.class).submit(question);
			assertThat(task.taskId()).isEqualTo("t-42");
			assertThat(task.message()).isEqualTo("Request accepted");
			JsonNode body = assertQuestion(this.aria.takeApiRequest(), "/api/v3/converse");
			assertThat(body.get("callback_url").asString()).isEqualTo("https://app.example.com/billie");
			ConverseTask reactiveTask = context.getBean(ReactiveAriaConverseClient.class)
				.submit(question)
				.block(Duration.ofSeconds(30));
			assertThat(reactiveTask).isEqualTo(task);
			assertQuestion(this.aria.takeApiRequest(), "/api/v3/converse");
		});
	}

	@Test
	void applicationsOwnClientsWin() {
		this.contextRunner.withUserConfiguration(OwnClientsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AriaConverseClient.class)
				.hasSingleBean(ReactiveAriaConverseClient.class)
				.doesNotHaveBean("ariaConverseClient")
				.doesNotHaveBean("ariaReactiveConverseClient");
		});
	}

	@Test
	void clientImportedIntoTheAriaServiceGroupReplacesOurs() {
		this.aria.apiAnswer = (request) -> json(200, ANSWER);
		this.contextRunner.withUserConfiguration(ImportedIntoAriaGroup.class).run((context) -> {
			assertThat(context).hasSingleBean(AriaConverseClient.class).doesNotHaveBean("ariaConverseClient");
			assertAnswer(context.getBean(AriaConverseClient.class).converse(ConverseRequest.question("Balance?")));
			assertThat(this.aria.takeApiRequest().getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		});
	}

	@Test
	void reactiveClientBacksOffWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasSingleBean(AriaConverseClient.class)
				.doesNotHaveBean(ReactiveAriaConverseClient.class));
	}

	@Test
	void nothingIsRegisteredWhenDisabled() {
		this.contextRunner.withPropertyValues("aria.auth.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AriaConverseClient.class)
				.doesNotHaveBean(ReactiveAriaConverseClient.class));
	}

	@Test
	void nothingIsRegisteredWithoutTheAriaClients() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AriaConverseAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AriaConverseClient.class)
				.doesNotHaveBean(ReactiveAriaConverseClient.class));
	}

	private static void assertAnswer(ConverseResponse answer) {
		assertThat(answer.text()).isEqualTo("The balance is 120.00 USD.");
		assertThat(answer.responseType()).isEqualTo("BILLING_INFO");
		assertThat(answer.data()).containsEntry("balance", 120.0);
		assertThat(answer.content().type()).isEqualTo("RESPONSE");
		assertThat(answer.metadata().inReplyToMessageId()).isEqualTo("m-1");
		assertThat(answer.metadata().sequenceNum()).isEqualTo(2);
	}

	private JsonNode assertQuestion(RecordedRequest request, String path) {
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo(path);
		assertThat(request.getHeaders().get("Authorization")).startsWith("Bearer token-");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		JsonNode body = this.json.readTree(request.getBody().utf8());
		assertThat(body.at("/content/text").isString()).isTrue();
		assertThat(body.at("/content/type").asString()).isEqualTo("QUERY");
		assertThat(body.at("/content").has("structured_data")).isFalse();
		assertThat(body.at("/response_preferences/include_textual_summary").asBoolean()).isTrue();
		assertThat(body.at("/response_preferences/response_format").asString()).isEqualTo("BOTH");
		assertThat(body.at("/metadata/source_message_id")).isEqualTo(body.get("message_id"));
		assertThat(body.at("/metadata/sequence_num").asInt()).isOne();
		assertThat(body.get("conversation_id").isString()).isTrue();
		assertThat(body.get("timestamp").isString()).isTrue();
		return body;
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientsConfiguration {

		@Bean
		AriaConverseClient myConverseClient() {
			return mock(AriaConverseClient.class);
		}

		@Bean
		ReactiveAriaConverseClient myReactiveConverseClient() {
			return mock(ReactiveAriaConverseClient.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "aria", types = AriaConverseClient.class)
	static class ImportedIntoAriaGroup {

	}

}
