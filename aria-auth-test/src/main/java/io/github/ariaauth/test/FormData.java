package io.github.ariaauth.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} content.
 */
final class FormData {

	private FormData() {
	}

	/**
	 * Parse the given form content.
	 * @throws IllegalArgumentException if a parameter is repeated or badly encoded
	 */
	static Map<String, String> parse(String content) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (content.isEmpty()) {
			return parameters;
		}
		for (String pair : content.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int separator = pair.indexOf('=');
			String name = decode((separator >= 0) ? pair.substring(0, separator) : pair);
			String value = (separator >= 0) ? decode(pair.substring(separator + 1)) : "";
			if (parameters.putIfAbsent(name, value) != null) {
				throw new IllegalArgumentException("Parameter '" + name + "' is repeated");
			}
		}
		return parameters;
	}

	static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
