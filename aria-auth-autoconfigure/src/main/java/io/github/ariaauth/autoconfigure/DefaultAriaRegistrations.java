package io.github.ariaauth.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.github.ariaauth.AriaEndpoints;
import io.github.ariaauth.AriaRegistrationProperties;
import io.github.ariaauth.AriaRegistrations;
import io.github.ariaauth.AriaTokenManager;
import io.github.ariaauth.AriaTokenTargets;
import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.restclient.AriaBearerClientHttpRequestInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The registrations of the application: the default one through its beans, the named ones
 * made here from {@code aria.auth.registrations} (token cores when the context starts,
 * clients on first use) or added at run time, through the same factory. Closes what it
 * made, and what the named registrations share, with the context.
 */
class DefaultAriaRegistrations implements AriaRegistrations, DisposableBean {

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

	private static final String EXCHANGE_FILTER_FUNCTION = "org.springframework.web.reactive.function.client.ExchangeFilterFunction";

	private static final String BEARER_EXCHANGE_FILTER_FUNCTION = "io.github.ariaauth.webclient.AriaBearerExchangeFilterFunction";

	private static final String REACTIVE_CONVERSE_CLIENT = "io.github.ariaauth.converse.ReactiveAriaConverseClient";

	private static final boolean WEB_CLIENT_PRESENT = ClassUtils.isPresent(WEB_CLIENT,
			DefaultAriaRegistrations.class.getClassLoader());

	private final BeanFactory beanFactory;

	private final boolean hasDefault;

	// Copied on each change (rare) and read without a lock (often): lookups never wait
	// for
	// an add or a remove.
	private volatile Map<String, Named> named = Map.of();

	private volatile Set<String> names = Set.of();

	private final Set<String> configured;

	private final @Nullable AutoCloseable shared;

	private final @Nullable NamedTokenManagerFactory tokenManagerFactory;

	private final List<RegistrationsListener> listeners = new CopyOnWriteArrayList<>();

	DefaultAriaRegistrations(BeanFactory beanFactory, boolean hasDefault, Map<String, AriaRegistrationProperties> named,
			@Nullable AutoCloseable shared, @Nullable NamedTokenManagerFactory tokenManagerFactory) {
		this.beanFactory = beanFactory;
		this.hasDefault = hasDefault;
		this.shared = shared;
		this.tokenManagerFactory = tokenManagerFactory;
		this.configured = Collections.unmodifiableSet(new LinkedHashSet<>(named.keySet()));
		Map<String, Named> made = new LinkedHashMap<>();
		this.named = made;
		try {
			named.forEach((name, properties) -> made.put(name, create(name, properties)));
		}
		catch (RuntimeException ex) {
			// A bean that fails to construct is never destroyed: release what was made so
			// far.
			try {
				destroy();
			}
			catch (Exception closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw ex;
		}
		publish(made);
	}

	// Built now (no I/O), so that bad credentials stop startup, or the add, rather than
	// the registration's first call.
	private Named create(String name, AriaRegistrationProperties properties) {
		AriaAuthPropertiesResolver.checkRegistrationName(name);
		String prefix = AriaAuthPropertiesResolver.PREFIX + "registrations." + name + ".";
		AriaEndpoints endpoints = AriaAuthPropertiesResolver.endpoints(properties, prefix);
		AriaTokenTargets targets = AriaTokenTargetsFactory.create(endpoints, properties.getAllowedHosts(),
				prefix + "allowed-hosts");
		Assert.state(this.tokenManagerFactory != null, "a token manager factory for named registrations");
		return new Named(endpoints, targets, this.tokenManagerFactory.create(name, prefix, properties, endpoints));
	}

	private void publish(Map<String, Named> named) {
		Set<String> names = new LinkedHashSet<>();
		if (this.hasDefault) {
			names.add(AriaTokenManager.REGISTRATION_ID);
		}
		names.addAll(named.keySet());
		this.named = Collections.unmodifiableMap(named);
		this.names = Collections.unmodifiableSet(names);
	}

	@Override
	public Set<String> names() {
		return this.names;
	}

	@Override
	public synchronized AriaTokenManager add(String name, AriaRegistrationProperties properties) {
		if (this.named.containsKey(name)) {
			String property = AriaAuthPropertiesResolver.PREFIX + "registrations." + name;
			throw new AriaAuthConfigurationException(
					"Invalid name '" + name + "' for " + property
							+ ": that registration exists already; expected a name not in use " + this.names,
					property, "'" + name + "'", "a name not in use " + this.names);
		}
		Named registration = create(name, properties);
		Map<String, Named> named = new LinkedHashMap<>(this.named);
		named.put(name, registration);
		publish(named);
		this.listeners.forEach((listener) -> listener.added(name, registration.tokenManager));
		return registration.tokenManager;
	}

	@Override
	public synchronized void remove(String name) {
		Named registration = this.named.get(name);
		if (registration == null || this.configured.contains(name)) {
			throw (AriaTokenManager.REGISTRATION_ID.equals(name) && this.hasDefault) || registration != null
					? new IllegalArgumentException("Aria registration '" + name + "' is configured, with its beans: "
							+ "only registrations added at run time can be removed")
					: unknown(name);
		}
		Map<String, Named> named = new LinkedHashMap<>(this.named);
		named.remove(name);
		publish(named);
		// Its callers, even those holding its clients, get AriaAuthException "closed"
		// from now on; nothing here keeps the registration reachable any more.
		registration.tokenManager.close();
		this.listeners.forEach((listener) -> listener.removed(name));
	}

	/**
	 * Tell {@code listener} about registrations added and removed from now on.
	 */
	void addListener(RegistrationsListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public AriaTokenManager tokenManager(String name) {
		return isDefault(name) ? this.beanFactory.getBean("ariaTokenManager", AriaTokenManager.class)
				: named(name).tokenManager;
	}

	@Override
	public <C> C client(String name, Class<C> clientType) {
		String type = clientType.getName();
		if (clientType == RestClient.class || clientType == AriaConverseClient.class) {
			boolean rest = clientType == RestClient.class;
			if (isDefault(name)) {
				return clientType.cast(defaultClient(rest ? "ariaRestClient" : "ariaConverseClient", clientType));
			}
			Named registration = named(name);
			requireClientSupport(name, "RestClient", "ariaClientHttpRequestFactory",
					AriaRestClientAutoConfiguration.class);
			return clientType.cast(rest ? registration.restClient.obtain() : converseClient(name, clientType,
					() -> HttpServiceProxyFactory.builderFor(RestClientAdapter.create(registration.restClient.obtain()))
						.build()
						.createClient(AriaConverseClient.class)));
		}
		if (WEB_CLIENT_PRESENT && (type.equals(WEB_CLIENT) || type.equals(REACTIVE_CONVERSE_CLIENT))) {
			boolean web = type.equals(WEB_CLIENT);
			if (isDefault(name)) {
				return clientType.cast(defaultClient(web ? "ariaWebClient" : "ariaReactiveConverseClient", clientType));
			}
			named(name);
			requireClientSupport(name, "WebClient", "ariaClientHttpConnector", AriaWebClientAutoConfiguration.class);
			NamedReactiveClients reactive = reactive(name);
			return clientType
				.cast(web ? reactive.webClient() : converseClient(name, clientType, reactive::reactiveConverseClient));
		}
		throw new IllegalArgumentException("No client of type " + type + "; aria-auth makes RestClient, "
				+ "AriaConverseClient and (with Spring WebFlux) WebClient and ReactiveAriaConverseClient");
	}

	// The default registration's client (or interceptor, filter) is its bean, or the
	// application's HTTP service proxy of group "aria" that replaced it.
	private Object defaultClient(String beanName, Class<?> clientType) {
		String groupProxy = "aria#" + clientType.getName();
		if (this.beanFactory.containsBean(beanName)) {
			return this.beanFactory.getBean(beanName, clientType);
		}
		if (this.beanFactory.containsBean(groupProxy)) {
			return this.beanFactory.getBean(groupProxy, clientType);
		}
		throw new IllegalArgumentException("No " + clientType.getSimpleName() + " for the default Aria registration '"
				+ AriaTokenManager.REGISTRATION_ID + "': there is no bean '" + beanName + "' (its auto-configuration "
				+ "is excluded or did not match, or the application's own bean of that type replaced it)");
	}

	// A Converse interface the application imported into the registration's HTTP service
	// group (so that its spring.http.serviceclient.aria-<name>.* settings apply) is the
	// registration's Converse client; otherwise one is made over the registration's
	// client.
	private Object converseClient(String name, Class<?> clientType, Supplier<Object> made) {
		String groupProxy = "aria-" + name + "#" + clientType.getName();
		return this.beanFactory.containsBean(groupProxy) ? this.beanFactory.getBean(groupProxy, clientType)
				: named(name).converse.computeIfAbsent(clientType, (type) -> made.get());
	}

	@Override
	public AriaBearerClientHttpRequestInterceptor interceptor(String name) {
		return isDefault(name)
				? (AriaBearerClientHttpRequestInterceptor) defaultClient("ariaClientHttpRequestInterceptor",
						AriaBearerClientHttpRequestInterceptor.class)
				: named(name).interceptor.obtain();
	}

	@Override
	public <F> F exchangeFilter(String name, Class<F> filterType) {
		if (!WEB_CLIENT_PRESENT || !(filterType.getName().equals(EXCHANGE_FILTER_FUNCTION)
				|| filterType.getName().equals(BEARER_EXCHANGE_FILTER_FUNCTION))) {
			throw new IllegalArgumentException("No filter of type " + filterType.getName() + "; aria-auth makes "
					+ BEARER_EXCHANGE_FILTER_FUNCTION + " (with Spring WebFlux)");
		}
		if (isDefault(name)) {
			return filterType.cast(defaultClient("ariaExchangeFilterFunction", filterType));
		}
		named(name);
		return filterType.cast(reactive(name).filter());
	}

	/**
	 * The WebFlux side of a named registration: its filter and its WebClient. Call only
	 * with WebFlux present.
	 */
	NamedReactiveClients reactive(String name) {
		return (NamedReactiveClients) named(name).reactive.obtain();
	}

	/**
	 * The endpoints of a named registration.
	 */
	AriaEndpoints endpoints(String name) {
		return named(name).endpoints;
	}

	/**
	 * The names of the registrations under {@code aria.auth.registrations}.
	 */
	Set<String> namedRegistrations() {
		return this.configured;
	}

	@Override
	public void destroy() throws Exception {
		Map<String, Named> named;
		synchronized (this) {
			named = this.named;
			publish(new LinkedHashMap<>());
		}
		named.values().forEach((registration) -> registration.tokenManager.close());
		if (this.shared != null) {
			this.shared.close();
		}
	}

	// A named registration's clients share what the client auto-configuration of their
	// type makes; without it there are none, as there is no ariaRestClient or
	// ariaWebClient then.
	private void requireClientSupport(String name, String clientType, String sharedBean, Class<?> autoConfiguration) {
		if (!this.beanFactory.containsBean(sharedBean)) {
			throw new IllegalArgumentException("No " + clientType + " for Aria registration '" + name + "': "
					+ autoConfiguration.getName() + " is excluded or did not match (as for the default registration's "
					+ "client); the registration's token is still available through tokenManager(\"" + name + "\")");
		}
	}

	private boolean isDefault(String name) {
		if (AriaTokenManager.REGISTRATION_ID.equals(name)) {
			if (!this.hasDefault) {
				throw new IllegalArgumentException("No default Aria registration '" + name + "': aria.auth.client-id "
						+ "and client-secret have no value (see the startup log); the registrations are " + this.names);
			}
			return true;
		}
		return false;
	}

	private Named named(String name) {
		Named registration = this.named.get(name);
		if (registration == null) {
			throw unknown(name);
		}
		return registration;
	}

	private IllegalArgumentException unknown(String name) {
		return new IllegalArgumentException("No Aria registration '" + name + "' (never configured or added, or "
				+ "removed at run time); the registrations are " + this.names);
	}

	// Cloned from the application's builder, as ariaRestClient is, and sharing its
	// redirect-safe request factory:
	// hundreds of registrations still use one HTTP client.
	private RestClient newRestClient(Named registration) {
		RestClient.Builder application = this.beanFactory.getBeanProvider(RestClient.Builder.class).getIfUnique();
		RestClient.Builder builder = (application != null) ? application.clone() : RestClient.builder();
		return builder
			.requestFactory(this.beanFactory.getBean("ariaClientHttpRequestFactory", ClientHttpRequestFactory.class))
			.baseUrl(registration.endpoints.apiBaseUrl().toString())
			.requestInterceptor(registration.interceptor.obtain())
			.build();
	}

	/**
	 * Makes the token core of a named registration.
	 */
	@FunctionalInterface
	interface NamedTokenManagerFactory {

		AriaTokenManager create(String name, String prefix, AriaRegistrationProperties properties,
				AriaEndpoints endpoints);

	}

	/**
	 * Hears of registrations added and removed at run time.
	 */
	interface RegistrationsListener {

		void added(String name, AriaTokenManager tokenManager);

		void removed(String name);

	}

	private final class Named {

		final AriaEndpoints endpoints;

		final AriaTokenManager tokenManager;

		final SingletonSupplier<AriaBearerClientHttpRequestInterceptor> interceptor;

		final SingletonSupplier<RestClient> restClient;

		// NamedReactiveClients, behind Object so that nothing here names a WebFlux type.
		final SingletonSupplier<Object> reactive;

		// The Converse clients by type, made on first use.
		final Map<Class<?>, Object> converse = new ConcurrentHashMap<>();

		Named(AriaEndpoints endpoints, AriaTokenTargets targets, AriaTokenManager tokenManager) {
			this.endpoints = endpoints;
			this.tokenManager = tokenManager;
			this.interceptor = SingletonSupplier
				.of(() -> new AriaBearerClientHttpRequestInterceptor(tokenManager, targets));
			this.restClient = SingletonSupplier.of(() -> newRestClient(this));
			this.reactive = SingletonSupplier
				.of(() -> new NamedReactiveClients(DefaultAriaRegistrations.this.beanFactory, endpoints, tokenManager,
						targets));
		}

	}

}
