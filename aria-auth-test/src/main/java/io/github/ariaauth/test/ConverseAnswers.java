package io.github.ariaauth.test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Billie's v2-shaped answers, choosing the response type from the question's
 * words.
 */
final class ConverseAnswers {

	private static final List<Rule> RULES = List.of(new Rule("\\binvoice", "INVOICE_INFO"),
			new Rule("\\b(bills?|billing|balances?|payments?)\\b", "BILLING_INFO"), new Rule("\\border", "ORDER_INFO"),
			new Rule("\\b(products?|plans?)\\b", "PRODUCT_INFO"), new Rule("\\baccount", "ACCOUNT_INFO"));

	private ConverseAnswers() {
	}

	static String responseType(String question) {
		String text = question.toLowerCase(Locale.ROOT);
		for (Rule rule : RULES) {
			if (rule.pattern().matcher(text).find()) {
				return rule.responseType();
			}
		}
		return "OPENDATA";
	}

	static ObjectNode answer(JsonNode request, String clientNo, @Nullable String accountNo, Instant now) {
		String question = request.path("content").path("text").asString();
		String responseType = responseType(question);
		JsonNode requestMessageId = request.path("message_id");
		String conversationId = request.path("conversation_id").asString(UUID.randomUUID().toString());
		ObjectNode answer = JsonResponses.MAPPER.createObjectNode();
		answer.put("message_id", UUID.randomUUID().toString());
		answer.put("conversation_id", conversationId);
		answer.put("timestamp", now.toString());
		JsonNode preferences = request.get("response_preferences");
		if (preferences != null && preferences.isObject()) {
			answer.set("response_preferences", preferences.deepCopy());
		}
		ObjectNode content = answer.putObject("content");
		content.put("text", summary(responseType, clientNo, accountNo));
		content.put("type", "RESPONSE");
		ObjectNode structured = content.putObject("structured_data");
		structured.put("response_type", responseType);
		ObjectNode data = structured.putObject("data");
		data.put("client_no", clientNo);
		data.put("account_no", accountNo);
		data.put("question", question);
		structured.put("schema_version", "1.0");
		JsonNode requestMetadata = request.path("metadata");
		ObjectNode metadata = answer.putObject("metadata");
		metadata.put("source_agent", "billie");
		metadata.put("target_agent", requestMetadata.path("source_agent").asString("client"));
		metadata.put("in_reply_to_message_id", requestMessageId.isString() ? requestMessageId.asString() : null);
		metadata.put("sequence_num", requestMetadata.path("sequence_num").asInt(0) + 1);
		metadata.put("source_message_id", requestMessageId.isString() ? requestMessageId.asString() : null);
		metadata.put("source_conversation_id", conversationId);
		return answer;
	}

	private static String summary(String responseType, String clientNo, @Nullable String accountNo) {
		String scope = (accountNo != null) ? "account " + accountNo + " of client " + clientNo
				: "all accounts of client " + clientNo;
		return switch (responseType) {
			case "INVOICE_INFO" -> "The latest invoice for " + scope + " is 4711 over 120.00 USD, due in 14 days.";
			case "BILLING_INFO" -> "The balance for " + scope + " is 120.00 USD; no payment is overdue.";
			case "ORDER_INFO" -> "There is 1 open order for " + scope + ", placed 3 days ago.";
			case "PRODUCT_INFO" -> "The plan for " + scope + " is Standard Monthly at 40.00 USD per month.";
			case "ACCOUNT_INFO" -> "The record for " + scope + " is active, in good standing, billed monthly.";
			default -> "Billie found general information for " + scope + ".";
		};
	}

	private record Rule(Pattern pattern, String responseType) {

		Rule(String regex, String responseType) {
			this(Pattern.compile(regex), responseType);
		}

	}

}
