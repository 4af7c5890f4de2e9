package io.github.ariaauth.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations aria-auth makes, and their keys.
 *
 * @since 0.1.0
 */
public enum AriaTokenObservationDocumentation implements ObservationDocumentation {

	/**
	 * One request to the token endpoint; the HTTP call itself
	 * ({@code http.client.requests}) is its child.
	 */
	TOKEN_REQUEST {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAriaTokenRequestObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	};

	/**
	 * Keys with few values, fit for metric tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** {@code success} or {@code failure}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * The OAuth 2.0 or aria-auth error code, {@code none}, or {@code other} for a
		 * code the server made up. (Not {@code error}: Micrometer's meter handler sets
		 * that key to the exception's class name.)
		 */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		},

		/** The HTTP status of the answer, or {@code none}. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/** The registration the token is for ({@code aria} for the default one). */
		REGISTRATION {
			@Override
			public String asString() {
				return "registration";
			}
		}

	}

	/**
	 * Keys with many values, for traces only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The token endpoint. */
		TOKEN_URI {
			@Override
			public String asString() {
				return "aria.auth.token.uri";
			}
		}

	}

}
