package io.github.ariaauth.test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.ariaauth.test.StandInHttp.basic;
import static io.github.ariaauth.test.StandInHttp.form;
import static io.github.ariaauth.test.StandInHttp.json;
import static io.github.ariaauth.test.StandInHttp.postForm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the token endpoint of {@link AriaStandIn}.
 */
class TokenEndpointTests {

	private static final String ID = "billie sa:7000213";

	private static final String SECRET = "s3cr+t/&=ü";

	@RegisterExtension
	static final AriaStandInExtension aria = new AriaStandInExtension(
			AriaStandIn.builder().clientId(ID).clientSecret(SECRET));

	private final AriaStandIn standIn = aria.standIn();

	@Test
	void issuesTokenForCredentialsInFormBody() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(),
				form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode body = json(response);
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
		assertThat(body.get("scope").asString()).isEqualTo("api");
		assertThat(body.get("access_token").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
		assertThat(this.standIn.issuedTokens()).containsExactly(body.get("access_token").asString());
		assertThat(this.standIn.tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void issuesTokenForFormUrlEncodedCredentialsInBasicHeader() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(), form("grant_type", "client_credentials"),
				basic(ID, SECRET));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("access_token").asString()).isEqualTo(this.standIn.issuedTokens().get(0));
	}

	@Test
	void rejectsBasicSecretThatWasNotFormUrlEncoded() throws Exception {
		// form-urlencoding turns '+' into a space, so a raw secret with '+' does not
		// match
		String raw = "Basic " + Base64.getEncoder()
			.encodeToString((StandInHttp.encode(ID) + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = postForm(this.standIn.tokenUri(), form("grant_type", "client_credentials"),
				raw);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void wrongSecretIsInvalidClient() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(),
				form("grant_type", "client_credentials", "client_id", ID, "client_secret", "wrong"), null);
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode body = json(response);
		assertThat(body.get("error").asString()).isEqualTo("invalid_client");
		assertThat(body.get("error_description").asString()).isNotBlank();
		assertThat(this.standIn.issuedTokens()).isEmpty();
	}

	@Test
	void wrongBasicCredentialsAreInvalidClientWithBasicChallenge() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(), form("grant_type", "client_credentials"),
				basic("someone-else", SECRET));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"aria\"");
		assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void missingCredentialsAreInvalidClient() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(), form("grant_type", "client_credentials"),
				null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void otherGrantTypeIsUnsupported() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(),
				form("grant_type", "password", "client_id", ID, "client_secret", SECRET), null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("error").asString()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void missingGrantTypeIsInvalidRequest() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(),
				form("client_id", ID, "client_secret", SECRET), null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void credentialsInBothBasicHeaderAndBodyAreInvalidRequest() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(),
				form("grant_type", "client_credentials", "client_secret", SECRET), basic(ID, SECRET));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void getIsNotAllowed() throws Exception {
		HttpResponse<String> response = StandInHttp.get(this.standIn.tokenUri());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(this.standIn.issuedTokens()).isEmpty();
	}

	@Test
	void requestedScopeIsAddedToDefaultScope() throws Exception {
		HttpResponse<String> response = postForm(this.standIn.tokenUri(), form("grant_type", "client_credentials",
				"client_id", ID, "client_secret", SECRET, "scope", "billing api"), null);
		assertThat(json(response).get("scope").asString()).isEqualTo("api billing");
	}

	@Test
	void expiresInFollowsLifetimeChangedAtRunTime() throws Exception {
		this.standIn.setTokenLifetime(Duration.ofSeconds(90));
		HttpResponse<String> response = postForm(this.standIn.tokenUri(),
				form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null);
		assertThat(json(response).get("expires_in").asLong()).isEqualTo(90);
	}

	@Test
	void expiresInCanBeLeftOut() throws Exception {
		this.standIn.setOmitExpiresIn(true);
		HttpResponse<String> response = postForm(this.standIn.tokenUri(),
				form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).has("expires_in")).isFalse();
		assertThat(json(response).has("access_token")).isTrue();
	}

}
