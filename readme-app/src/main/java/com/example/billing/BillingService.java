package com.example.billing;

// tag::quick-start[]
import io.github.ariaauth.converse.AriaConverseClient;
import io.github.ariaauth.converse.ConverseRequest;

import org.springframework.stereotype.Service;

/**
 * Asks Billie about the account's balance.
 */
@Service
public class BillingService {

	private final AriaConverseClient billie;

	public BillingService(AriaConverseClient billie) {
		this.billie = billie;
	}

	public String balance() {
		return this.billie.converse(ConverseRequest.question("What is my balance?")).text();
	}

}
// end::quick-start[]
