package io.github.ariaauth.converse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code content} of a Converse message: its text, its type and, in answers,
 * structured data.
 *
 * @since 0.1.0
 * @param text the question, or the answer's summary
 * @param type {@value #QUERY}, {@value #ACTION_REQUEST} or {@value #ERROR} in requests;
 * {@value #RESPONSE}, {@value #ACTION_RESULT} or {@value #ERROR} in answers
 * @param structuredData the answer's data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConverseContent(@JsonProperty("text") @Nullable String text, @JsonProperty("type") @Nullable String type,
		@JsonProperty("structured_data") @Nullable StructuredData structuredData) {

	/** Type of a question. */
	public static final String QUERY = "QUERY";

	/** Type of a request to act. */
	public static final String ACTION_REQUEST = "ACTION_REQUEST";

	/** Type of an answer to a question. */
	public static final String RESPONSE = "RESPONSE";

	/** Type of the answer to an action request. */
	public static final String ACTION_RESULT = "ACTION_RESULT";

	/** Type of an error, in either direction. */
	public static final String ERROR = "ERROR";

}
