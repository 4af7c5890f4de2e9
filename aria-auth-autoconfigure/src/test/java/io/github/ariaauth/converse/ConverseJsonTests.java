package io.github.ariaauth.converse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The Converse records on the wire: snake_case whatever the application's mapper does,
 * nothing for absent values, and answers with fields Billie adds later still read.
 */
class ConverseJsonTests {

	// The strictest settings an application might have: the records must not depend on
	// Spring's lenient defaults.
	private final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
		.build();

	@Test
	void questionIsAV2QueryEnvelopeInSnakeCase() {
		ConverseRequest question = ConverseRequest.question("What is my balance?");
		JsonNode body = this.json.valueToTree(question);
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("message_id", "conversation_id", "timestamp",
				"response_preferences", "content", "metadata");
		assertThat(body.at("/content").propertyNames()).containsExactlyInAnyOrder("text", "type");
		assertThat(body.at("/content/text").asString()).isEqualTo("What is my balance?");
		assertThat(body.at("/metadata/source_agent").asString()).isEqualTo(ConverseRequest.SOURCE_AGENT);
		assertThat(body.at("/metadata/target_agent").asString()).isEqualTo("billie");
		assertThat(body.at("/metadata").has("in_reply_to_message_id")).isFalse();
		assertThat(question.messageId()).isNotEqualTo(question.conversationId());
		assertThat(ConverseRequest.question("again").conversationId()).isNotEqualTo(question.conversationId());
	}

	@Test
	void callbackUrlIsAddedForV3() {
		ConverseRequest question = ConverseRequest.question("Hello?");
		JsonNode body = this.json.valueToTree(question.withCallbackUrl("https://app.example.com/cb"));
		assertThat(body.get("callback_url").asString()).isEqualTo("https://app.example.com/cb");
		assertThat(body.get("message_id").asString()).isEqualTo(question.messageId());
	}

	@Test
	void answerWithUnknownFieldsIsRead() {
		ConverseResponse answer = this.json.readValue("""
				{"message_id": "m-2", "new_top_level": [1, 2],
				 "response_preferences": {"include_textual_summary": true, "response_format": "BOTH", "locale": "en"},
				 "content": {"text": "Done.", "type": "ACTION_RESULT", "new_in_content": {},
				             "structured_data": {"response_type": "ACTION_RESULT", "data": {"ok": true},
				                                 "schema_version": "2.0", "new_in_data": 1}},
				 "metadata": {"source_agent": "billie", "sequence_num": 4, "new_in_metadata": "x"}}
				""", ConverseResponse.class);
		assertThat(answer.text()).isEqualTo("Done.");
		assertThat(answer.responseType()).isEqualTo("ACTION_RESULT");
		assertThat(answer.data()).containsEntry("ok", true);
		assertThat(answer.responsePreferences().responseFormat()).isEqualTo("BOTH");
		assertThat(answer.metadata().sequenceNum()).isEqualTo(4);
	}

	@Test
	void answerWithoutContentHasEmptyTextAndData() {
		ConverseResponse answer = this.json.readValue("{\"message_id\": \"m-3\"}", ConverseResponse.class);
		assertThat(answer.text()).isEmpty();
		assertThat(answer.responseType()).isNull();
		assertThat(answer.data()).isEmpty();
	}

	@Test
	void acceptedTaskIsRead() {
		ConverseTask task = this.json.readValue("{\"message\": \"Request accepted\", \"task_id\": \"t-1\", \"eta\": 9}",
				ConverseTask.class);
		assertThat(task).isEqualTo(new ConverseTask("Request accepted", "t-1"));
	}

	@Test
	void requestNeedsContent() {
		assertThatNullPointerException().isThrownBy(() -> new ConverseRequest(null, null, null, null, null, null, null))
			.withMessageContaining("content");
	}

}
