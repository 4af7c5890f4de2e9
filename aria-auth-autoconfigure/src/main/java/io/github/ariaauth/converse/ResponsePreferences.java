package io.github.ariaauth.converse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code response_preferences} of a Converse request: what the answer should look
 * like.
 *
 * @since 0.1.0
 * @param includeTextualSummary whether the answer should include a textual summary
 * @param responseFormat {@value #STRUCTURED}, {@value #TEXT} or {@value #BOTH}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsePreferences(@JsonProperty("include_textual_summary") @Nullable Boolean includeTextualSummary,
		@JsonProperty("response_format") @Nullable String responseFormat) {

	/** Structured data only. */
	public static final String STRUCTURED = "STRUCTURED";

	/** Text only. */
	public static final String TEXT = "TEXT";

	/** Structured data and text. */
	public static final String BOTH = "BOTH";

}
