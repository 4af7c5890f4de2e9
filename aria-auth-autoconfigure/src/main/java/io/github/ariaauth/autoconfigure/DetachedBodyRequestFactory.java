package io.github.ariaauth.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;

/**
 * Wraps a {@link JdkClientHttpRequestFactory} so that a buffered request body (the body
 * of every request that passes an interceptor, ours included) reaches the JDK as a body
 * that holds only its bytes.
 * <p>
 * Spring's own wrapping of those bytes holds the request, and the request holds the JDK
 * {@code HttpClient}. With a connect timeout, the JDK keeps a pooled connection's first
 * request and its body reachable for as long as the connection stays in the pool (20
 * minutes by default on Java 17), so the client, whose selector thread ends only once the
 * client is unreachable, would outlive the application context by that long. The factory
 * itself is Spring's, with the application's settings; only the body handed over differs.
 */
final class DetachedBodyRequestFactory implements ClientHttpRequestFactory {

	private final JdkClientHttpRequestFactory factory;

	DetachedBodyRequestFactory(JdkClientHttpRequestFactory factory) {
		this.factory = factory;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		ClientHttpRequest request = this.factory.createRequest(uri, httpMethod);
		return (request instanceof StreamingHttpOutputMessage streaming) ? new Request(request, streaming) : request;
	}

	@Override
	public String toString() {
		return "DetachedBodyRequestFactory[" + this.factory + "]";
	}

	private static final class Request implements ClientHttpRequest, StreamingHttpOutputMessage {

		private final ClientHttpRequest request;

		private final StreamingHttpOutputMessage streaming;

		Request(ClientHttpRequest request, StreamingHttpOutputMessage streaming) {
			this.request = request;
			this.streaming = streaming;
		}

		@Override
		public void setBody(byte[] body) {
			this.streaming.setBody(new BytesBody(body));
		}

		@Override
		public void setBody(Body body) {
			this.streaming.setBody(body);
		}

		@Override
		public OutputStream getBody() throws IOException {
			return this.request.getBody();
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			return this.request.execute();
		}

		@Override
		public HttpMethod getMethod() {
			return this.request.getMethod();
		}

		@Override
		public URI getURI() {
			return this.request.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.request.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.request.getHeaders();
		}

	}

	private record BytesBody(byte[] bytes) implements StreamingHttpOutputMessage.Body {

		@Override
		public void writeTo(OutputStream outputStream) throws IOException {
			StreamUtils.copy(this.bytes, outputStream);
		}

		@Override
		public boolean repeatable() {
			return true;
		}

		@Override
		public String toString() {
			return "BytesBody[" + this.bytes.length + " bytes]";
		}

	}

}
