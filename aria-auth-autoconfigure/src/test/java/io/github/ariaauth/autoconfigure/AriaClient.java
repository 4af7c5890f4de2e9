package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The two clients under test, driven the same way so every behaviour is checked through
 * both.
 */
enum AriaClient {

	WEB_CLIENT {
		@Override
		Mono<Reply> sendAsync(ApplicationContext context, String path, @Nullable String body,
				@Nullable String authorization) {
			WebClient client = context.getBean("ariaWebClient", WebClient.class);
			WebClient.RequestBodySpec spec = client.method((body != null) ? HttpMethod.POST : HttpMethod.GET)
				.uri(path)
				.headers((headers) -> {
					if (authorization != null) {
						headers.set(HttpHeaders.AUTHORIZATION, authorization);
					}
				});
			WebClient.RequestHeadersSpec<?> request = (body != null)
					? spec.contentType(MediaType.TEXT_PLAIN).bodyValue(body) : spec;
			return request.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new Reply(response.statusCode().value(), text)));
		}
	},

	REST_CLIENT {
		@Override
		Mono<Reply> sendAsync(ApplicationContext context, String path, @Nullable String body,
				@Nullable String authorization) {
			return Mono.fromCallable(() -> send(context, path, body, authorization)).subscribeOn(CALLERS);
		}

		@Override
		Reply send(ApplicationContext context, String path, @Nullable String body, @Nullable String authorization) {
			RestClient client = context.getBean("ariaRestClient", RestClient.class);
			RestClient.RequestBodySpec spec = client.method((body != null) ? HttpMethod.POST : HttpMethod.GET)
				.uri(path)
				.headers((headers) -> {
					if (authorization != null) {
						headers.set(HttpHeaders.AUTHORIZATION, authorization);
					}
				});
			if (body != null) {
				spec.contentType(MediaType.TEXT_PLAIN).body(body);
			}
			return spec.exchange((request, response) -> {
				try {
					return new Reply(response.getStatusCode().value(),
							new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	};

	// One thread per blocking caller, so that hundreds of them can wait at once.
	private static final Scheduler CALLERS = Schedulers.newBoundedElastic(1000, 10_000, "blocking-caller", 10, true);

	abstract Mono<Reply> sendAsync(ApplicationContext context, String path, @Nullable String body,
			@Nullable String authorization);

	Reply send(ApplicationContext context, String path, @Nullable String body, @Nullable String authorization) {
		return sendAsync(context, path, body, authorization).block(Duration.ofSeconds(60));
	}

	Reply get(ApplicationContext context, String path) {
		return send(context, path, null, null);
	}

	/**
	 * The failure of a GET of {@code path}: the exception {@code ariaRestClient} throws,
	 * or the error {@code ariaWebClient} signals.
	 */
	Throwable failureOf(ApplicationContext context, String path) {
		if (this == REST_CLIENT) {
			Throwable thrown = catchThrowable(() -> get(context, path));
			assertThat(thrown).as("the exception instead of an answer").isNotNull();
			return thrown;
		}
		Signal<Reply> signal = sendAsync(context, path, null, null).materialize().block(Duration.ofSeconds(60));
		assertThat(signal).isNotNull();
		assertThat(signal.isOnError()).as("an error signal instead of %s", signal).isTrue();
		return signal.getThrowable();
	}

	record Reply(int status, String body) {
	}

}
