package io.github.ariaauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * One JDK HTTP client for the token requests of many token managers (hand it to each with
 * {@link AriaTokenManager.Builder#requestFactory(ClientHttpRequestFactory)}, which leaves
 * it open): hundreds of registrations then cost one selector thread, not one each. Close
 * it once, after the managers; it is then closed (Java 21 and later) and let go of, as a
 * manager does with a client of its own.
 *
 * @since 0.1.0
 */
public final class AriaTokenHttpClient implements ClientHttpRequestFactory, AutoCloseable {

	private final ReleasableHttpClient httpClient;

	private final ClientHttpRequestFactory requestFactory;

	private final Duration readTimeout;

	/**
	 * Create a shared client for token requests.
	 * @param httpClient the JDK client, which must not follow redirects (a token request
	 * carries the secret)
	 * @param readTimeout the read timeout of each token request
	 */
	public AriaTokenHttpClient(HttpClient httpClient, Duration readTimeout) {
		this.httpClient = new ReleasableHttpClient(httpClient);
		this.requestFactory = this.httpClient.requestFactory(readTimeout);
		this.readTimeout = readTimeout;
	}

	/**
	 * Return a request factory that sends with this client but with another read timeout
	 * (a read timeout is per request, unlike the connect timeout and the SSL context of
	 * the client), for a token manager whose requests may wait longer or shorter than the
	 * others'. Close this client, not the factory.
	 * @param readTimeout the read timeout of each token request made through the factory
	 * @return this client, when its read timeout is that one, or a request factory over
	 * it
	 */
	public ClientHttpRequestFactory withReadTimeout(Duration readTimeout) {
		return readTimeout.equals(this.readTimeout) ? this : this.httpClient.requestFactory(readTimeout);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return this.requestFactory.createRequest(uri, httpMethod);
	}

	@Override
	public void close() {
		this.httpClient.close();
	}

}
