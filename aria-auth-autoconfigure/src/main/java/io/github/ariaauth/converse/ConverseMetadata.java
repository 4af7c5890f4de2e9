package io.github.ariaauth.converse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code metadata} of a Converse message: routing between agents.
 *
 * @since 0.1.0
 * @param sourceAgent who sends it
 * @param targetAgent who it is for
 * @param inReplyToMessageId the message it answers
 * @param sequenceNum its number in the conversation
 * @param sourceMessageId the message that started the exchange
 * @param sourceConversationId the conversation that started the exchange
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConverseMetadata(@JsonProperty("source_agent") @Nullable String sourceAgent,
		@JsonProperty("target_agent") @Nullable String targetAgent,
		@JsonProperty("in_reply_to_message_id") @Nullable String inReplyToMessageId,
		@JsonProperty("sequence_num") @Nullable Integer sequenceNum,
		@JsonProperty("source_message_id") @Nullable String sourceMessageId,
		@JsonProperty("source_conversation_id") @Nullable String sourceConversationId) {
}
