package io.github.ariaauth.converse;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Billie's answer: the body of a {@code POST /api/v2/converse} response, and of the
 * callback of a v3 request. Fields Billie adds later are ignored.
 *
 * @since 0.1.0
 * @param messageId the answer's message ID
 * @param conversationId the conversation it belongs to
 * @param timestamp when it was written, ISO-8601
 * @param responsePreferences the preferences of the question
 * @param content the answer: {@code RESPONSE}, {@code ACTION_RESULT} or {@code ERROR}, a
 * summary and data
 * @param metadata who sent it, and which message it answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConverseResponse(@JsonProperty("message_id") @Nullable String messageId,
		@JsonProperty("conversation_id") @Nullable String conversationId,
		@JsonProperty("timestamp") @Nullable String timestamp,
		@JsonProperty("response_preferences") @Nullable ResponsePreferences responsePreferences,
		@JsonProperty("content") @Nullable ConverseContent content,
		@JsonProperty("metadata") @Nullable ConverseMetadata metadata) {

	/**
	 * The answer's textual summary.
	 * @return the text, or an empty string when the answer has none
	 */
	public String text() {
		String text = (this.content != null) ? this.content.text() : null;
		return (text != null) ? text : "";
	}

	/**
	 * The answer's {@code structured_data.response_type}, such as {@code BILLING_INFO} or
	 * {@code INVOICE_INFO}.
	 * @return the response type, or {@code null} when the answer has no structured data
	 */
	public @Nullable String responseType() {
		StructuredData structuredData = structuredData();
		return (structuredData != null) ? structuredData.responseType() : null;
	}

	/**
	 * The answer's {@code structured_data.data}, shaped by the response type.
	 * @return the data, empty when the answer has none
	 */
	public Map<String, @Nullable Object> data() {
		StructuredData structuredData = structuredData();
		Map<String, @Nullable Object> data = (structuredData != null) ? structuredData.data() : null;
		return (data != null) ? data : Map.of();
	}

	private @Nullable StructuredData structuredData() {
		return (this.content != null) ? this.content.structuredData() : null;
	}

}
