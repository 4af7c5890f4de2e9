package io.github.ariaauth.sample;

import java.util.Map;

import io.github.ariaauth.test.AriaStandIn;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * What the tests of the running sample share: a client for its HTTP port and its local
 * stand-in, cleared before each test (aria-auth-test resets the token state itself).
 */
abstract class SampleOverHttp {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	AriaStandIn standIn;

	RestClient sample;

	@BeforeEach
	void resetStandIn() {
		this.sample = RestClient.create("http://localhost:" + this.port);
		this.standIn.clearFaults();
		this.standIn.reset();
	}

}
