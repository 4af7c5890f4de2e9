package com.example.billing;

// tag::testing[]
import java.time.Duration;

import io.github.ariaauth.AriaAuthException;
import io.github.ariaauth.test.AriaStandIn;
import io.github.ariaauth.test.AriaStandInExtension;
import io.github.ariaauth.test.AriaStandInProperties;
import io.github.ariaauth.test.Endpoint;
import io.github.ariaauth.test.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest
class BillingServiceTests {

	@RegisterExtension
	static AriaStandInExtension aria = new AriaStandInExtension();

	@DynamicPropertySource
	static void ariaProperties(DynamicPropertyRegistry registry) {
		// token-uri, api-base-url, client-id, client-secret
		AriaStandInProperties.register(registry, aria);
	}

	@Autowired
	BillingService billing;

	@Test
	void asksBillieWithOneToken(AriaStandIn standIn) {
		assertThat(this.billing.balance()).contains("120.00 USD");
		this.billing.balance();
		assertThat(standIn.tokenRequestCount()).isOne();
		assertThat(standIn.apiRequestCount()).isEqualTo(2);
	}

	@Test
	void resendsOnceWhenAriaRejectsTheToken(AriaStandIn standIn) {
		// the next API request gets a 401
		standIn.failNext(Endpoint.API, 1, Fault.invalidToken());
		this.billing.balance();
		assertThat(standIn.apiRequestCount()).isEqualTo(2); // rejected, then resent
		assertThat(standIn.tokenRequestCount()).isEqualTo(2); // with a new token
	}

	@Test
	void failsWhileTheTokenEndpointIsDown(AriaStandIn standIn) {
		standIn.failNext(Endpoint.TOKEN, 1, Fault.serviceUnavailable(Duration.ofSeconds(30)));
		assertThatExceptionOfType(AriaAuthException.class).isThrownBy(this.billing::balance)
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(503));
		assertThat(standIn.apiRequestCount()).isZero();
	}

}
// end::testing[]
