package io.github.ariaauth.keycloak;

import org.jspecify.annotations.Nullable;

/**
 * The clients of realm {@code aria} in {@code keycloak/aria-realm.json}, as the tests
 * need to know them.
 */
enum AriaRealm {

	/** Hour-long tokens, as Aria issues them. */
	HOUR("billie-hour", "kc-hour-7f3b9c2e5a1d4f60b8e2", "7000213", "12345"),

	/** 10-second tokens, to see many refreshes in a short test. */
	TEN_SECONDS("billie-ten-seconds", "kc-ten-4d8a1e6f0c3b7a92d5e1", "7000214", "67890"),

	/** 20-second tokens, for the outage test (see there). */
	TWENTY_SECONDS("billie-twenty-seconds", "kc-twenty-5c1f8b3e9a6d2c47f0b8", "7000215", "24680"),

	/**
	 * 20-second tokens and a secret that the rotation test regenerates: read its current
	 * secret from Keycloak, not from here.
	 */
	ROTATING("billie-rotating", "kc-rotating-8a3d6f1c4e9b2a75d0c6", "7000216", "13579"),

	/** A disabled client. */
	DISABLED("billie-disabled", "kc-disabled-9e2c5b8f1a4d7e03c6b9", null, null),

	/** A confidential client whose service account is not enabled. */
	NO_SERVICE_ACCOUNT("billie-no-service-account", "kc-nosa-2b7e4a9c6f1d3b85e0a7", null, null);

	static final String AUDIENCE = "billie-connect-api";

	static final String SCOPE = "api";

	final String clientId;

	final String secret;

	final @Nullable String clientNo;

	final @Nullable String accountNo;

	AriaRealm(String clientId, String secret, @Nullable String clientNo, @Nullable String accountNo) {
		this.clientId = clientId;
		this.secret = secret;
		this.clientNo = clientNo;
		this.accountNo = accountNo;
	}

}
