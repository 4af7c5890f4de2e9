package io.github.ariaauth.sample;

import java.util.List;

import io.github.ariaauth.sample.Billie.Via;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample, prefix {@code sample}.
 *
 * @param question the question asked on startup
 * @param askOnStartup whether to ask it on startup
 * @param askVia the clients to ask it through, one after the other ({@code webclient},
 * {@code rest}, {@code interface})
 * @param exitAfterStartup whether to exit once it is answered (the {@code one-shot}
 * profile sets this)
 * @param perRequestRegistration whether {@code POST /ask?registration=...} may pick the
 * service account: for local use only, because it lets any caller act as any tenant (the
 * {@code local-tenant-switch} profile sets this)
 */
@ConfigurationProperties("sample")
record SampleProperties(@DefaultValue("What is the balance of my account?") String question,
		@DefaultValue("true") boolean askOnStartup, @DefaultValue("webclient") List<Via> askVia,
		boolean exitAfterStartup, boolean perRequestRegistration) {
}
