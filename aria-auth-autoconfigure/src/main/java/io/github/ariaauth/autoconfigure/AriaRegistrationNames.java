package io.github.ariaauth.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The names of the registrations under {@code aria.auth.registrations}, as Spring Boot's
 * typed binding of {@code Map<String, AriaNamedRegistrationProperties>} sees them (the
 * binding {@link AriaAuthProperties} gets): the one source of the names for the bean
 * registrar, the redirect defaults, the condition of the default registration and the
 * registry.
 * <p>
 * An untyped view of the same keys is wrong with environment variables:
 * {@code ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID} reads as registration
 * {@code emea}, while the typed binding gives it to {@code emea-portal} when that is
 * declared. Every key under the prefix must bind to a property of a registration;
 * otherwise startup fails naming it. Bound once per environment (with a thousand
 * registrations, binding is a noticeable share of startup).
 */
final class AriaRegistrationNames {

	static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("aria.auth.registrations");

	private static final String ATTACHED = "configurationProperties";

	private static final Map<Environment, Snapshot> cache = Collections.synchronizedMap(new WeakHashMap<>());

	private AriaRegistrationNames() {
	}

	/**
	 * The registration names, in the order the binder found them.
	 * @throws AriaAuthConfigurationException for a name that cannot name a registration,
	 * or a key under the prefix that binds to nothing
	 */
	static Set<String> of(Environment environment) {
		List<Object> sources = sources(environment);
		Snapshot snapshot = cache.get(environment);
		if (snapshot != null && sameSources(snapshot.sources, sources)) {
			return snapshot.names;
		}
		Set<String> names = bind(environment);
		cache.put(environment, Snapshot.of(sources, names));
		return names;
	}

	private static Set<String> bind(Environment environment) {
		Set<ConfigurationPropertyName> bound = new HashSet<>();
		BindHandler recording = new BindHandler() {

			@Override
			public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				bound.add(name);
				return result;
			}

		};
		Map<String, AriaNamedRegistrationProperties> registrations = Binder.get(environment)
			.bind(ROOT, Bindable.mapOf(String.class, AriaNamedRegistrationProperties.class), recording)
			.orElse(Map.of());
		Set<String> names = withoutAliases(registrations.keySet());
		names.forEach(AriaAuthPropertiesResolver::checkRegistrationName);
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				checkAllBound(iterable, bound, names);
			}
		}
		return Collections.unmodifiableSet(names);
	}

	/**
	 * Boot's binder compares names ignoring dashes, so {@code emeaportal} (from
	 * {@code ARIA_AUTH_REGISTRATIONS_EMEAPORTAL_CLIENTSECRET}, Boot's canonical form of
	 * {@code emea-portal}'s secret) binds the same properties as {@code emea-portal}: one
	 * registration, named as declared.
	 */
	private static Set<String> withoutAliases(Set<String> keys) {
		Map<String, List<String>> byUniformName = new LinkedHashMap<>();
		for (String key : keys) {
			byUniformName.computeIfAbsent(key.replace("-", ""), (uniform) -> new ArrayList<>()).add(key);
		}
		Set<String> names = new LinkedHashSet<>();
		byUniformName.forEach((uniform, spellings) -> {
			List<String> declared = spellings.stream().filter((spelling) -> spelling.contains("-")).toList();
			if (declared.size() > 1) {
				throw new AriaAuthConfigurationException(AriaAuthPropertiesResolver.PREFIX + "registrations",
						spellings.toString(), "names that differ in more than their '-' (Spring Boot's relaxed "
								+ "binding reads them as one name)");
			}
			names.add(declared.isEmpty() ? spellings.get(0) : declared.get(0));
		});
		return names;
	}

	private static void checkAllBound(IterableConfigurationPropertySource source, Set<ConfigurationPropertyName> bound,
			Set<String> names) {
		Set<Object> used = null;
		for (ConfigurationPropertyName candidate : source.filter(ROOT::isAncestorOf)) {
			// Most keys are bound under the name they are listed by: only the others
			// (environment variables, mostly) need the identities of what was bound,
			// which
			// cost a look-up per bound key.
			if (bound.contains(candidate)) {
				continue;
			}
			ConfigurationProperty property = source.getConfigurationProperty(candidate);
			if (property == null) {
				continue;
			}
			if (used == null) {
				used = identities(source, bound);
			}
			if (!used.contains(identity(property))) {
				throw unbound(candidate, property, names);
			}
		}
	}

	private static Set<Object> identities(IterableConfigurationPropertySource source,
			Set<ConfigurationPropertyName> bound) {
		Set<Object> identities = new HashSet<>();
		for (ConfigurationPropertyName name : bound) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				identities.add(identity(property));
			}
		}
		return identities;
	}

	// What a property came from (an environment variable, a line of a file): the
	// binder may have asked for it under another name than the one it is listed by.
	private static Object identity(ConfigurationProperty property) {
		Origin origin = property.getOrigin();
		if (origin instanceof PropertySourceOrigin source) {
			return source.getPropertySource().getName() + "\u0000" + source.getPropertyName();
		}
		return (origin != null) ? origin : property.getName();
	}

	private static AriaAuthConfigurationException unbound(ConfigurationPropertyName candidate,
			ConfigurationProperty property, Set<String> names) {
		Origin origin = property.getOrigin();
		String variable = (origin instanceof PropertySourceOrigin source && isEnvironment(source.getPropertySource()))
				? source.getPropertyName() : null;
		String key = (variable != null) ? variable + " (" + candidate + ")" : candidate.toString();
		String registration = candidate.getElement(ROOT.getNumberOfElements(), ConfigurationPropertyName.Form.DASHED);
		List<String> keys = registrationKeys();
		StringBuilder expected = new StringBuilder("a registration has the keys ").append(String.join(", ", keys));
		if (names.stream().noneMatch((name) -> name.replace("-", "").equals(registration.replace("-", "")))) {
			// Also a registration whose only key is a typo.
			expected.append(", and there is no registration '")
				.append(registration)
				.append("' (the registrations are ")
				.append(names)
				.append(')');
		}
		if (variable != null) {
			List<String> suggestions = suggestions(variable, names, keys);
			if (!suggestions.isEmpty()) {
				expected.append(". Did you mean ").append(String.join(" or ", suggestions)).append('?');
			}
			else {
				expected.append(". Environment variables cannot declare a registration whose name has a '-' "
						+ "(ARIA_AUTH_REGISTRATIONS_EMEA_PORTAL_CLIENT_ID could be registration emea or emea-portal): "
						+ "name it in application.yml or .properties, as aria.auth.registrations.<name>.region for "
						+ "example, and its other keys can come from such variables");
			}
		}
		return new AriaAuthUnboundPropertyException(key, (origin != null) ? origin.toString() : "(unknown origin)",
				expected.toString());
	}

	/**
	 * The variables Boot binds to the registration key that {@code variable} most likely
	 * meant: the same letters and digits, underscores apart.
	 */
	private static List<String> suggestions(String variable, Set<String> names, List<String> keys) {
		String letters = variable.replace("_", "").toLowerCase(Locale.ROOT);
		List<String> suggestions = new ArrayList<>();
		for (String name : names) {
			for (String key : keys) {
				String property = AriaAuthPropertiesResolver.PREFIX + "registrations." + name + "." + key;
				if (property.replaceAll("[.-]", "").equals(letters)) {
					suggestions.add(EnvironmentVariables.canonical(property));
					suggestions.add(EnvironmentVariables.underscored(property));
				}
			}
		}
		return suggestions.stream().distinct().collect(Collectors.toList());
	}

	private static boolean isEnvironment(PropertySource<?> source) {
		return source instanceof SystemEnvironmentPropertySource;
	}

	private static List<String> registrationKeys() {
		List<String> keys = keys(AriaNamedRegistrationProperties.class, "");
		keys.addAll(keys(AriaNamedRegistrationProperties.Token.class, "token."));
		return keys;
	}

	private static List<String> keys(Class<?> type, String prefix) {
		List<String> keys = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getWriteMethod() != null) {
				keys.add(prefix + DataObjectPropertyName.toDashedForm(descriptor.getName()));
			}
		}
		return keys;
	}

	private static List<Object> sources(Environment environment) {
		List<Object> sources = new ArrayList<>();
		if (environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				// Boot's view of the other sources, replaced whenever it re-attaches it.
				if (!ATTACHED.equals(source.getName())) {
					sources.add(source);
				}
			}
		}
		return sources;
	}

	// PropertySource.equals compares names only: a source replaced by another of the
	// same name must count as a change. Their order does not (Boot moves some to the
	// end after the post-processors): it decides which value wins, not which keys exist.
	private static boolean sameSources(List<WeakReference<Object>> before, List<Object> now) {
		if (before.size() != now.size()) {
			return false;
		}
		Set<Object> earlier = Collections.newSetFromMap(new IdentityHashMap<>());
		before.forEach((source) -> earlier.add(source.get()));
		return now.stream().allMatch(earlier::contains);
	}

	/**
	 * The names bound from the property sources of an environment as they were then;
	 * weakly, as a source may hold its environment, the key of the cache.
	 */
	private record Snapshot(List<WeakReference<Object>> sources, Set<String> names) {

		static Snapshot of(List<Object> sources, Set<String> names) {
			return new Snapshot(sources.stream().map(WeakReference::new).toList(), names);
		}

	}

}
