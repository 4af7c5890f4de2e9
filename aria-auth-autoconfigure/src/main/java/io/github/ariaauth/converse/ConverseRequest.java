package io.github.ariaauth.converse;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A message for Billie: the body of {@code POST /api/v2/converse}, and of
 * {@code POST /api/v3/converse} when it carries a callback URL. Sent as snake_case JSON;
 * {@code null} components are left out.
 *
 * @since 0.1.0
 * @param messageId this message's ID
 * @param conversationId the conversation it belongs to
 * @param timestamp when it was written, ISO-8601
 * @param responsePreferences how the answer should look
 * @param content the question or request
 * @param metadata who sends it to whom, and what it replies to
 * @param callbackUrl where Billie posts the answer to an asynchronous (v3) request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConverseRequest(@JsonProperty("message_id") @Nullable String messageId,
		@JsonProperty("conversation_id") @Nullable String conversationId,
		@JsonProperty("timestamp") @Nullable String timestamp,
		@JsonProperty("response_preferences") @Nullable ResponsePreferences responsePreferences,
		@JsonProperty("content") ConverseContent content, @JsonProperty("metadata") @Nullable ConverseMetadata metadata,
		@JsonProperty("callback_url") @Nullable String callbackUrl) {

	/**
	 * The agent name that {@link #question(String)} puts in
	 * {@code metadata.source_agent}.
	 */
	public static final String SOURCE_AGENT = "aria-auth";

	/**
	 * Create a new instance.
	 * @param messageId this message's ID
	 * @param conversationId the conversation it belongs to
	 * @param timestamp when it was written, ISO-8601
	 * @param responsePreferences how the answer should look
	 * @param content the question or request
	 * @param metadata who sends it to whom, and what it replies to
	 * @param callbackUrl where Billie posts the answer to an asynchronous (v3) request
	 */
	public ConverseRequest {
		Objects.requireNonNull(content, "'content' must not be null");
	}

	/**
	 * A question in a new conversation ({@code QUERY}), asking for structured data and a
	 * textual summary.
	 * @param text the question, such as {@code "What is the balance of account 12345?"}
	 * @return the request
	 */
	public static ConverseRequest question(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		String messageId = UUID.randomUUID().toString();
		return new ConverseRequest(messageId, UUID.randomUUID().toString(), Instant.now().toString(),
				new ResponsePreferences(true, ResponsePreferences.BOTH),
				new ConverseContent(text, ConverseContent.QUERY, null),
				new ConverseMetadata(SOURCE_AGENT, "billie", null, 1, messageId, null), null);
	}

	/**
	 * This request with a callback URL, as
	 * {@link AriaConverseClient#submit(ConverseRequest)} needs it.
	 * @param callbackUrl where Billie posts the answer
	 * @return a copy of this request with the callback URL
	 */
	public ConverseRequest withCallbackUrl(String callbackUrl) {
		Objects.requireNonNull(callbackUrl, "'callbackUrl' must not be null");
		return new ConverseRequest(this.messageId, this.conversationId, this.timestamp, this.responsePreferences,
				this.content, this.metadata, callbackUrl);
	}

}
