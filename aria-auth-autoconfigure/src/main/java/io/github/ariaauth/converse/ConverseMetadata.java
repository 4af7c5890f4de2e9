package io.github.ariaauth.converse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

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
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConverseMetadata(@Nullable String sourceAgent, @Nullable String targetAgent,
		@Nullable String inReplyToMessageId, @Nullable Integer sequenceNum, @Nullable String sourceMessageId,
		@Nullable String sourceConversationId) {
}
