package io.github.ariaauth.actuate;

import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks client secrets in the actuator's {@code env} and {@code configprops} output, even
 * where the application shows values ({@code show-values=always}).
 * <p>
 * A key is masked when, without case and separators, it ends with {@code clientsecret}:
 * {@code aria.auth.client-secret}, {@code aria.auth.clientSecret},
 * {@code ARIA_AUTH_CLIENTSECRET}, {@code ARIA_AUTH_CLIENT_SECRET},
 * {@code ARIA_AUTH_REGISTRATIONS_SECOND_CLIENTSECRET} alike. A value is masked when it
 * contains the secret of a registration in use, whatever its key: a variable named in a
 * placeholder ({@code client-secret: ${MY_VAULT_VALUE}}) or
 * {@code SPRING_APPLICATION_JSON}.
 *
 * @since 0.1.0
 */
public class AriaAuthSanitizingFunction implements SanitizingFunction {

	private static final String CLIENT_SECRET = "clientsecret";

	private final Supplier<? extends Collection<String>> secrets;

	/**
	 * Create a new instance.
	 * @param secrets the client secrets of the registrations in use, asked each time a
	 * value is sanitized (so that an endpoint called before they are known still works)
	 */
	public AriaAuthSanitizingFunction(Supplier<? extends Collection<String>> secrets) {
		this.secrets = secrets;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return (isClientSecretKey(data.getKey()) || containsSecret(data.getValue())) ? data.withSanitizedValue() : data;
	}

	/**
	 * Boot binds {@code ARIA_AUTH_CLIENTSECRET} to {@code aria.auth.client-secret}: a
	 * rule on the spelled key would miss the forms without dashes, so the key is
	 * normalised first.
	 */
	private static boolean isClientSecretKey(String key) {
		StringBuilder normalised = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char ch = key.charAt(i);
			if (Character.isLetterOrDigit(ch)) {
				normalised.append(ch);
			}
		}
		return normalised.toString().toLowerCase(Locale.ROOT).endsWith(CLIENT_SECRET);
	}

	private boolean containsSecret(@Nullable Object value) {
		if (!(value instanceof CharSequence text) || text.isEmpty()) {
			return false;
		}
		String string = text.toString();
		for (String secret : this.secrets.get()) {
			if (!secret.isBlank() && string.contains(secret)) {
				return true;
			}
		}
		return false;
	}

}
