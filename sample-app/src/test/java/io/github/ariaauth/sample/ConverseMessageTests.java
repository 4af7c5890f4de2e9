package io.github.ariaauth.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample sends Converse API v2 envelopes in Aria's snake_case shape and reads Billie's answers.
 */
class ConverseMessageTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void questionIsAV2QueryEnvelope() {
		JsonNode question = this.json.valueToTree(ConverseMessage.question("What is my balance?"));
		assertThat(question.propertyNames()).containsExactlyInAnyOrder("message_id", "conversation_id", "timestamp",
				"response_preferences", "content", "metadata");
		assertThat(question.at("/response_preferences/include_textual_summary").asBoolean()).isTrue();
		assertThat(question.at("/response_preferences/response_format").asString()).isEqualTo("BOTH");
		assertThat(question.at("/content/text").asString()).isEqualTo("What is my balance?");
		assertThat(question.at("/content/type").asString()).isEqualTo("QUERY");
		assertThat(question.at("/metadata/source_agent").asString()).isEqualTo("aria-auth-sample");
		assertThat(question.at("/metadata/source_message_id")).isEqualTo(question.get("message_id"));
		assertThat(question.at("/metadata/sequence_num").asInt()).isOne();
	}

	@Test
	void answerIsReadFromAV2ResponseEnvelope() {
		ConverseMessage answer = this.json.readValue("""
				{"message_id": "m-2", "conversation_id": "c-1", "timestamp": "2026-01-01T00:00:00Z",
				 "content": {"text": "Your balance is 0.00 USD.", "type": "RESPONSE",
				             "structured_data": {"response_type": "BILLING_INFO", "data": {"balance": 0},
				                                 "schema_version": "1.0"}},
				 "metadata": {"source_agent": "billie", "in_reply_to_message_id": "m-1", "sequence_num": 2},
				 "something_new": true}
				""", ConverseMessage.class);
		assertThat(answer.text()).isEqualTo("Your balance is 0.00 USD.");
		assertThat(answer.responseType()).isEqualTo("BILLING_INFO");
		assertThat(answer.metadata().inReplyToMessageId()).isEqualTo("m-1");
	}

}
