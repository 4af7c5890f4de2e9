package io.github.ariaauth.converse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Converse records keep their wire names under Jackson 2 as well, for applications on
 * Boot 4's Jackson 2 support: the names are Jackson annotations that both generations
 * read, not Jackson 3's naming strategy.
 */
class ConverseJackson2Tests {

	// The strictest settings an application might have, as in ConverseJsonTests.
	private final ObjectMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
		.build();

	@Test
	void questionIsWrittenInSnakeCase() {
		ConverseRequest question = ConverseRequest.question("What is my balance?")
			.withCallbackUrl("https://a.example/cb");
		JsonNode body = this.json.valueToTree(question);
		assertThat(body.properties()).extracting((entry) -> entry.getKey())
			.containsExactlyInAnyOrder("message_id", "conversation_id", "timestamp", "response_preferences", "content",
					"metadata", "callback_url");
		assertThat(body.at("/metadata/source_agent").asText()).isEqualTo(ConverseRequest.SOURCE_AGENT);
		assertThat(body.at("/response_preferences").has("include_textual_summary")).isTrue();
		assertThat(body.at("/metadata").has("in_reply_to_message_id")).isFalse();
	}

	@Test
	void answerWithUnknownFieldsIsRead() throws Exception {
		ConverseResponse answer = this.json.readValue("""
				{"message_id": "m-2", "conversation_id": "c-1", "new_top_level": [1, 2],
				 "response_preferences": {"include_textual_summary": true, "response_format": "BOTH"},
				 "content": {"text": "Done.", "type": "ACTION_RESULT",
				             "structured_data": {"response_type": "ACTION_RESULT", "data": {"ok": true},
				                                 "schema_version": "2.0", "new_in_data": 1}},
				 "metadata": {"source_agent": "billie", "in_reply_to_message_id": "m-1", "sequence_num": 4}}
				""", ConverseResponse.class);
		assertThat(answer.messageId()).isEqualTo("m-2");
		assertThat(answer.conversationId()).isEqualTo("c-1");
		assertThat(answer.text()).isEqualTo("Done.");
		assertThat(answer.responseType()).isEqualTo("ACTION_RESULT");
		assertThat(answer.data()).containsEntry("ok", true);
		assertThat(answer.metadata().inReplyToMessageId()).isEqualTo("m-1");
		assertThat(answer.metadata().sequenceNum()).isEqualTo(4);
		assertThat(answer.responsePreferences().includeTextualSummary()).isTrue();
	}

	@Test
	void taskIsRead() throws Exception {
		ConverseTask task = this.json.readValue("{\"message\": \"accepted\", \"task_id\": \"t-9\", \"eta\": 3}",
				ConverseTask.class);
		assertThat(task.taskId()).isEqualTo("t-9");
	}

}
