package io.github.ariaauth.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration that makes a token failure reaching a WebFlux handler answer
 * {@code 503} with {@code Retry-After}, as {@link io.github.ariaauth.AriaAuthException}
 * already does in Spring MVC through Spring's {@code ErrorResponse} contract.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AriaAuthAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "aria.auth.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ServerResponse.class)
public final class AriaAuthErrorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "ariaAuthWebExceptionHandler")
	AriaAuthExceptionWebExceptionHandler ariaAuthWebExceptionHandler(ObjectProvider<ServerCodecConfigurer> codecs) {
		return new AriaAuthExceptionWebExceptionHandler(codecs.getIfAvailable(ServerCodecConfigurer::create));
	}

}
