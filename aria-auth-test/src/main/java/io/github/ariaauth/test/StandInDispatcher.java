package io.github.ariaauth.test;

import java.util.function.Supplier;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Routes each request of the stand-in's server to its endpoint, serving a pending
 * {@link Fault} first.
 */
final class StandInDispatcher extends Dispatcher {

	private final AriaStandIn standIn;

	private final FaultQueues faults;

	private final TokenEndpoint tokenEndpoint;

	private final ConverseEndpoint converseEndpoint;

	StandInDispatcher(AriaStandIn standIn, FaultQueues faults, CallbackSender callbacks) {
		this.standIn = standIn;
		this.faults = faults;
		this.tokenEndpoint = new TokenEndpoint(standIn);
		this.converseEndpoint = new ConverseEndpoint(standIn, callbacks);
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		try {
			return route(request);
		}
		catch (RuntimeException ex) {
			return JsonResponses.error(500, "server_error", "The stand-in failed: " + ex).build();
		}
	}

	private MockResponse route(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		switch (path) {
			case AriaStandIn.TOKEN_PATH -> {
				this.standIn.recordTokenRequest();
				return serve(Endpoint.TOKEN, () -> this.tokenEndpoint.handle(request));
			}
			case AriaStandIn.JWK_SET_PATH -> {
				return JsonResponses.json(200, this.standIn.tokens().jwkSetJson()).build();
			}
			case AriaStandIn.CONVERSE_V2_PATH, AriaStandIn.CONVERSE_V3_PATH -> {
				this.standIn.recordApiRequest(request.getHeaders().get("Authorization"));
				boolean async = AriaStandIn.CONVERSE_V3_PATH.equals(path);
				return serve(Endpoint.API, () -> this.converseEndpoint.handle(request, async));
			}
			default -> {
				return JsonResponses.error(404, "not_found", "No stand-in endpoint at " + path).build();
			}
		}
	}

	private MockResponse serve(Endpoint endpoint, Supplier<MockResponse> normal) {
		Fault fault = this.faults.poll(endpoint);
		return (fault != null) ? fault.apply(normal) : normal.get();
	}

}
