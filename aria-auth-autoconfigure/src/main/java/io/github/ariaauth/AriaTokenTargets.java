package io.github.ariaauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Decides which requests may carry the Aria bearer token: those to an allowed host, over
 * https (plain http only to a loopback host).
 * <p>
 * The Billie Connect API's host and port are always allowed; further hosts are given as
 * {@code host} (any port) or {@code host:port} ({@code [::1]:8080} for IPv6).
 *
 * @since 0.1.0
 */
public final class AriaTokenTargets {

	private final List<Target> targets;

	private AriaTokenTargets(List<Target> targets) {
		this.targets = List.copyOf(targets);
	}

	/**
	 * Allow the host and port of the API base URL and the given hosts.
	 * @param apiBaseUrl the Billie Connect API base URL
	 * @param allowedHosts further hosts, as {@code host} or {@code host:port}
	 * @return the targets
	 * @throws IllegalArgumentException if an allowed host is not a host name with an
	 * optional port
	 */
	public static AriaTokenTargets of(URI apiBaseUrl, Collection<String> allowedHosts) {
		Assert.notNull(apiBaseUrl.getHost(), "apiBaseUrl must name a host");
		List<Target> targets = new ArrayList<>();
		targets.add(new Target(normalize(apiBaseUrl.getHost()), port(apiBaseUrl)));
		for (String allowedHost : allowedHosts) {
			targets.add(parse(allowedHost));
		}
		return new AriaTokenTargets(targets);
	}

	/**
	 * Whether a request to this URI may carry the token.
	 * @param uri the request URI
	 * @return whether the URI is https (or http to loopback) and names an allowed host
	 * and port
	 */
	public boolean allows(URI uri) {
		if (!AriaHosts.isSecureOrLoopback(uri)) {
			return false;
		}
		String host = normalize(uri.getHost());
		int port = port(uri);
		for (Target target : this.targets) {
			if (target.host.equals(host) && (target.port == -1 || target.port == port)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "AriaTokenTargets" + this.targets;
	}

	private static Target parse(@Nullable String allowedHost) {
		String candidate = (allowedHost != null) ? allowedHost.trim() : "";
		try {
			URI parsed = new URI("//" + candidate);
			if (!candidate.isEmpty() && parsed.getHost() != null && parsed.getRawUserInfo() == null
					&& parsed.getRawPath().isEmpty() && parsed.getRawQuery() == null
					&& parsed.getRawFragment() == null) {
				return new Target(normalize(parsed.getHost()), parsed.getPort());
			}
		}
		catch (URISyntaxException ex) {
			// Reported below, in the same words as any other malformed entry.
		}
		throw new IllegalArgumentException("'" + allowedHost + "' is not a host name with an optional port");
	}

	private static String normalize(String host) {
		String normalized = host.toLowerCase(Locale.ROOT);
		return (normalized.startsWith("[") && normalized.endsWith("]"))
				? normalized.substring(1, normalized.length() - 1) : normalized;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
	}

	private record Target(String host, int port) {

		@Override
		public String toString() {
			return (this.host.contains(":") ? "[" + this.host + "]" : this.host)
					+ ((this.port != -1) ? ":" + this.port : "");
		}

	}

}
