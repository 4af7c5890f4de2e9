package io.github.ariaauth;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Authorization} header value for a token, built once per token rather than
 * once per request (an Aria JWT is several hundred characters).
 */
final class AriaBearerHeader {

	private volatile @Nullable Entry last;

	/**
	 * Return {@code "Bearer " + token.tokenValue()}, reusing the value built for the same
	 * token before.
	 * @param token the token
	 * @return the header value
	 */
	String valueFor(AriaAccessToken token) {
		Entry entry = this.last;
		if (entry != null && entry.token == token) {
			return entry.value;
		}
		String value = "Bearer " + token.tokenValue();
		this.last = new Entry(token, value);
		return value;
	}

	private record Entry(AriaAccessToken token, String value) {

		@Override
		public String toString() {
			return "Entry[" + this.token + "]";
		}

	}

}
