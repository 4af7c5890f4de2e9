package io.github.ariaauth.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unsigned-looking JWTs for tests: the core only decodes them.
 */
final class TestJwts {

	static final String CLIENT_NO = "7000213";

	private static final AtomicInteger serial = new AtomicInteger();

	private TestJwts() {
	}

	/**
	 * A JWT in Aria's shape, unique per call, with the given {@code iat} and {@code exp}.
	 */
	static String jwt(Instant issuedAt, Instant expiresAt) {
		return jwt("{\"iss\":\"https://kauth.example/realms/aria\",\"aud\":\"billie-connect-api\",\"sub\":\"svc-"
				+ serial.incrementAndGet() + "\",\"client_no\":\"" + CLIENT_NO + "\",\"iat\":"
				+ issuedAt.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond() + "}");
	}

	/** A JWT with the given payload text, base64url-encoded as is. */
	static String jwt(String payload) {
		return encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(payload) + ".c2lnbmF0dXJl"
				+ serial.incrementAndGet();
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
