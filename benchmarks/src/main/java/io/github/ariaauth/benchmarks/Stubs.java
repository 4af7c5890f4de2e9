package io.github.ariaauth.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * A no-op downstream for the interceptor and the filter: it keeps the request it was
 * given (so the JIT cannot drop the work done on it) and answers with a canned 200.
 */
final class Stubs {

	// An https API host, as in production (the stub never connects to it).
	static final URI API = URI.create("https://connect.billie.example/api/v2/converse");

	static final byte[] NO_BODY = new byte[0];

	static final ClientHttpResponse OK = new CannedResponse();

	static final ClientResponse CLIENT_OK = ClientResponse.create(HttpStatus.OK).build();

	// Plain fields, written on every call: the request escapes, and that costs every
	// contender the same.
	@SuppressWarnings("unused")
	private HttpRequest lastRequest;

	@SuppressWarnings("unused")
	private ClientRequest lastClientRequest;

	final ClientHttpRequestExecution execution = (request, body) -> {
		this.lastRequest = request;
		return OK;
	};

	final ExchangeFunction exchange = (request) -> {
		this.lastClientRequest = request;
		return Mono.just(CLIENT_OK);
	};

	static HttpRequest request() {
		return new StubRequest(API);
	}

	static ClientRequest clientRequest() {
		return ClientRequest.create(HttpMethod.GET, API).build();
	}

	private static final class StubRequest implements HttpRequest {

		private final URI uri;

		private final HttpHeaders headers = new HttpHeaders();

		private Map<String, Object> attributes;

		StubRequest(URI uri) {
			this.uri = uri;
		}

		@Override
		public HttpMethod getMethod() {
			return HttpMethod.GET;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public Map<String, Object> getAttributes() {
			if (this.attributes == null) {
				this.attributes = new HashMap<>();
			}
			return this.attributes;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

	private static final class CannedResponse implements ClientHttpResponse {

		private final HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(NO_BODY);
		}

		@Override
		public void close() {
		}

	}

}
