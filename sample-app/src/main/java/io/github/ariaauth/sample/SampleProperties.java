package io.github.ariaauth.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample, prefix {@code sample}.
 *
 * @param question the question asked on startup
 * @param askOnStartup whether to ask it on startup
 * @param exitAfterStartup whether to exit once it is answered (the {@code one-shot} profile sets this)
 */
@ConfigurationProperties("sample")
record SampleProperties(@DefaultValue("What is the balance of my account?") String question,
		@DefaultValue("true") boolean askOnStartup, boolean exitAfterStartup) {
}
