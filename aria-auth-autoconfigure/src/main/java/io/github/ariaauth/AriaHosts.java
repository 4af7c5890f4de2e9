package io.github.ariaauth;

import java.net.URI;
import java.util.Locale;

/**
 * Rules for where a token may travel: https everywhere, plain http only to this machine.
 *
 * @since 0.1.0
 */
public final class AriaHosts {

	private AriaHosts() {
	}

	/**
	 * Whether the host names this machine (localhost, 127.0.0.0/8 or ::1), without a DNS
	 * lookup.
	 * @param host a host name or IP literal, IPv6 with or without brackets
	 * @return whether the host is loopback
	 */
	public static boolean isLoopback(String host) {
		String normalized = host.toLowerCase(Locale.ROOT);
		if (normalized.startsWith("[") && normalized.endsWith("]")) {
			normalized = normalized.substring(1, normalized.length() - 1);
		}
		return normalized.equals("localhost") || normalized.endsWith(".localhost") || normalized.equals("::1")
				|| normalized.equals("0:0:0:0:0:0:0:1") || isIpv4Loopback(normalized);
	}

	/**
	 * Whether a token may be sent to this URI: https, or http to a loopback host.
	 * @param uri the target
	 * @return whether the scheme is acceptable for a bearer token
	 */
	public static boolean isSecureOrLoopback(URI uri) {
		String scheme = uri.getScheme();
		String host = uri.getHost();
		if (scheme == null || host == null) {
			return false;
		}
		return scheme.equalsIgnoreCase("https") || (scheme.equalsIgnoreCase("http") && isLoopback(host));
	}

	// Parsed by hand, without split() or streams: the WebClient filter and RestClient
	// interceptor ask on every
	// request to a loopback API.
	private static boolean isIpv4Loopback(String host) {
		int octets = 0;
		int value = 0;
		int digits = 0;
		for (int i = 0; i <= host.length(); i++) {
			char c = (i < host.length()) ? host.charAt(i) : '.';
			if (c == '.') {
				if (digits == 0 || value > 255 || (octets == 0 && value != 127) || ++octets > 4) {
					return false;
				}
				value = 0;
				digits = 0;
			}
			else if (c >= '0' && c <= '9' && digits < 3) {
				value = value * 10 + (c - '0');
				digits++;
			}
			else {
				return false;
			}
		}
		return octets == 4;
	}

}
