package io.github.ariaauth.keycloak;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * A loopback hop in front of Keycloak's token endpoint that notes how each token request
 * authenticated the client (never the credentials themselves) and passes it on unchanged;
 * Keycloak's answer comes back unchanged. It proves which of client_secret_post and
 * client_secret_basic aria-auth really used.
 */
final class TokenRequestRecorder extends TokenEndpointHop {

	private final ConcurrentLinkedQueue<ClientAuthentication> requests = new ConcurrentLinkedQueue<>();

	TokenRequestRecorder(KeycloakServer keycloak) {
		super(keycloak);
	}

	List<ClientAuthentication> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	MockResponse answer(RecordedRequest request) throws InterruptedException {
		ByteString body = request.getBody();
		String form = (body != null) ? body.utf8() : "";
		String authorization = request.getHeaders().get("Authorization");
		List<String> parameters = Arrays.stream(form.split("&"))
			.map((parameter) -> parameter.split("=", 2)[0])
			.toList();
		this.requests.add(new ClientAuthentication(authorization != null && authorization.startsWith("Basic "),
				parameters.contains("client_id"), parameters.contains("client_secret")));
		return forward(request);
	}

	/**
	 * How one token request presented the client's credentials.
	 *
	 * @param basicHeader whether it carried an HTTP Basic {@code Authorization} header
	 * @param clientIdInBody whether the form had a {@code client_id} parameter
	 * @param clientSecretInBody whether the form had a {@code client_secret} parameter
	 */
	record ClientAuthentication(boolean basicHeader, boolean clientIdInBody, boolean clientSecretInBody) {

	}

}
