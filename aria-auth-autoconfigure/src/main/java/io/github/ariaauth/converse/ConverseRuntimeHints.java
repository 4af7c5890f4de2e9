package io.github.ariaauth.converse;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Reflection hints for the Converse records, which Jackson reads and writes whichever
 * client sends them: the HTTP interfaces get theirs from Spring as beans, but
 * {@code ariaWebClient} or {@code ariaRestClient} can send the same records with nothing
 * for Spring to see ahead of time.
 */
class ConverseRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// Nested records follow from these three.
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), ConverseRequest.class, ConverseResponse.class,
				ConverseTask.class);
	}

}
