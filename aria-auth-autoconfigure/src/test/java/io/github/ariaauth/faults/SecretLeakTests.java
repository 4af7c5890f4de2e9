package io.github.ariaauth.faults;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ariaauth.AriaAccessToken;
import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.MutableClock;
import io.github.ariaauth.autoconfigure.AriaAuthProperties;
import io.github.ariaauth.faults.FaultMatrix.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Neither the client secret nor any token ever shows in logs (every logger at TRACE),
 * console output, exceptions or {@code toString()}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTests {

	@Test
	void wholeFaultMatrixAtTraceLogsNoSecretAndNoToken(CapturedOutput output) {
		List<String> exceptions = new ArrayList<>();
		List<String> issued = new ArrayList<>();
		List<String> lines;
		try (CapturedLogs logs = CapturedLogs.atTrace()) {
			for (Fault fault : FaultMatrix.faults()) {
				MutableClock clock = FaultMatrix.clock();
				JdkClientHttpRequestFactory requestFactory = FaultMatrix.requestFactory();
				try (TokenServer server = new TokenServer(clock);
						AriaTokenManager manager = FaultMatrix.manager(server, clock, requestFactory).build()) {
					AriaAccessToken first = manager.getToken();
					exceptions.add(first.toString());
					exceptions.add(manager.toString());
					clock.advance(Duration.ofMinutes(58));
					requestFactory.setReadTimeout(fault.readTimeout());
					if (fault.refused()) {
						server.down();
					}
					else {
						server.answer(fault.response());
					}
					// A failed refresh while the token is valid, then a failure without
					// one.
					assertThat(manager.getToken()).isSameAs(first);
					clock.advance(Duration.ofMinutes(2));
					AriaAuthException failure = catchThrowableOfType(AriaAuthException.class, manager::getToken);
					assertThat(failure).as(fault.name()).isNotNull();
					Leaks.assertNoSecrets(failure, server.issuedTokens());
					exceptions.add(failure.toString());
					requestFactory.setReadTimeout(FaultMatrix.READ_TIMEOUT);
					server.up();
					server.answer(TokenServer::good);
					clock.advance(FaultMatrix.MAX_BACKOFF);
					exceptions.add(manager.getToken().toString());
					exceptions.add(manager.getClaims().toString());
					issued.addAll(server.issuedTokens());
				}
			}
			lines = logs.lines();
		}
		assertThat(issued).hasSizeGreaterThan(2 * FaultMatrix.faults().size());
		assertThat(lines).as("TRACE logging happened").hasSizeGreaterThan(100);
		assertThat(String.join("\n", lines))
			.contains("DEBUG org.springframework.web.client.DefaultRestClient Writing [");
		Leaks.assertNoSecrets(lines, issued);
		Leaks.assertNoSecrets(exceptions, issued);
		Leaks.assertNoSecrets(List.of(output.getAll()), issued);
	}

	@Test
	void clientSecretStillReachesTheTokenEndpointInTheForm() {
		MutableClock clock = FaultMatrix.clock();
		try (TokenServer server = new TokenServer(clock);
				AriaTokenManager manager = FaultMatrix.manager(server, clock, FaultMatrix.requestFactory()).build()) {
			manager.getToken();
			assertThat(server.lastRequestBody().split("&")).containsExactlyInAnyOrder("grant_type=client_credentials",
					"client_id=" + FaultMatrix.CLIENT_ID,
					"client_secret=" + URLEncoder.encode(FaultMatrix.CLIENT_SECRET, StandardCharsets.UTF_8));
		}
	}

	@Test
	void toStringOfEveryTypeHoldingTheSecretOrATokenMasksIt() {
		MutableClock clock = FaultMatrix.clock();
		try (TokenServer server = new TokenServer(clock);
				AriaTokenManager manager = FaultMatrix.manager(server, clock, FaultMatrix.requestFactory()).build()) {
			AriaAccessToken token = manager.getToken();
			AriaAuthProperties properties = new AriaAuthProperties();
			properties.setClientId(FaultMatrix.CLIENT_ID);
			properties.setClientSecret(FaultMatrix.CLIENT_SECRET);
			properties.setTokenUri(server.tokenUri());
			assertThat(properties.toString()).contains(FaultMatrix.CLIENT_ID, "******");
			assertThat(token.toString()).contains("tokenValue=******");
			assertThat(manager.toString()).contains(FaultMatrix.CLIENT_ID);
			Leaks.assertNoSecrets(List.of(properties.toString(), token.toString(), token.claims().toString(),
					manager.toString(), String.valueOf(manager.getCachedToken())), server.issuedTokens());
		}
	}

}
