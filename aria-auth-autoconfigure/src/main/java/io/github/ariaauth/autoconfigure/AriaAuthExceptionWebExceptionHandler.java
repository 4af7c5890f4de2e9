package io.github.ariaauth.autoconfigure;

import java.util.List;

import io.github.ariaauth.AriaAuthException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers an {@link AriaAuthException} that reaches a WebFlux handler as the
 * {@link org.springframework.web.ErrorResponse} it is (503, {@code Retry-After}, a
 * generic problem detail). Spring MVC does that by itself; WebFlux renders a thrown
 * {@code ErrorResponse} only if it is a {@code ResponseStatusException}, and Boot's error
 * handler would answer 500. It runs just before Boot's handler, after the application's
 * own exception handlers, and leaves every other exception alone.
 */
final class AriaAuthExceptionWebExceptionHandler implements WebExceptionHandler, Ordered {

	/** Just before Boot's {@code ErrorWebExceptionHandler} (-1). */
	static final int ORDER = -2;

	private final ServerResponse.Context context;

	AriaAuthExceptionWebExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		AriaAuthException failure = find(ex);
		if (failure == null || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail body = failure.getBody();
		return ServerResponse.status(failure.getStatusCode())
			.headers((headers) -> headers.addAll(failure.getHeaders()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(body)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	/** A client may wrap the failure of its filter or interceptor. */
	private static @Nullable AriaAuthException find(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof AriaAuthException failure) {
				return failure;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
