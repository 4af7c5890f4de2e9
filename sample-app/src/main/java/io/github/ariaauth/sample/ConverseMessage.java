package io.github.ariaauth.sample;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The envelope of the Billie Converse API v2, the same for a question and its answer (snake_case JSON).
 *
 * @param messageId this message's ID
 * @param conversationId the conversation it belongs to
 * @param timestamp when it was written, ISO-8601
 * @param responsePreferences how the answer should look (questions)
 * @param content the question or the answer
 * @param metadata who sends it to whom, and what it replies to
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConverseMessage(@Nullable String messageId, @Nullable String conversationId, @Nullable String timestamp,
		@Nullable ResponsePreferences responsePreferences, @Nullable Content content, @Nullable Metadata metadata) {

	static final String SOURCE_AGENT = "aria-auth-sample";

	/**
	 * A question that starts a new conversation.
	 * @param text the question
	 * @return the request envelope
	 */
	static ConverseMessage question(String text) {
		String messageId = UUID.randomUUID().toString();
		return new ConverseMessage(messageId, UUID.randomUUID().toString(), Instant.now().toString(),
				new ResponsePreferences(true, "BOTH"), new Content(text, "QUERY", null),
				new Metadata(SOURCE_AGENT, "billie", null, 1, messageId, null));
	}

	/**
	 * The answer's text, or an empty string when it has none.
	 * @return the textual summary
	 */
	String text() {
		return (this.content != null && this.content.text() != null) ? this.content.text() : "";
	}

	/**
	 * The answer's {@code structured_data.response_type} ({@code ACCOUNT_INFO}, {@code BILLING_INFO}, ...).
	 * @return the response type, or {@code null} when the answer has no structured data
	 */
	@Nullable String responseType() {
		return (this.content != null && this.content.structuredData() != null)
				? this.content.structuredData().responseType() : null;
	}

	/**
	 * What the answer should look like.
	 *
	 * @param includeTextualSummary whether to include a textual summary
	 * @param responseFormat {@code STRUCTURED}, {@code TEXT} or {@code BOTH}
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ResponsePreferences(boolean includeTextualSummary, String responseFormat) {
	}

	/**
	 * The text and structured data of a message.
	 *
	 * @param text the question, or the answer's summary
	 * @param type {@code QUERY}, {@code ACTION_REQUEST} or {@code ERROR} in questions; {@code RESPONSE},
	 * {@code ACTION_RESULT} or {@code ERROR} in answers
	 * @param structuredData the answer's data
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Content(@Nullable String text, @Nullable String type, @Nullable StructuredData structuredData) {
	}

	/**
	 * Structured data of an answer.
	 *
	 * @param responseType such as {@code ACCOUNT_INFO}, {@code BILLING_INFO} or {@code OPENDATA}
	 * @param data the data, shaped by the response type
	 * @param schemaVersion the version of the data's schema
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record StructuredData(@Nullable String responseType, @Nullable Map<String, @Nullable Object> data,
			@Nullable String schemaVersion) {
	}

	/**
	 * Routing of a message between agents.
	 *
	 * @param sourceAgent who sends it
	 * @param targetAgent who it is for
	 * @param inReplyToMessageId the message it answers
	 * @param sequenceNum its number in the conversation
	 * @param sourceMessageId the message that started the exchange
	 * @param sourceConversationId the conversation that started the exchange
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Metadata(@Nullable String sourceAgent, @Nullable String targetAgent,
			@Nullable String inReplyToMessageId, @Nullable Integer sequenceNum, @Nullable String sourceMessageId,
			@Nullable String sourceConversationId) {
	}

}
