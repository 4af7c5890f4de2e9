package io.github.ariaauth.converse;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code structured_data} of an answer.
 *
 * @since 0.1.0
 * @param responseType {@code ACCOUNT_INFO}, {@code BILLING_INFO}, {@code INVOICE_INFO},
 * {@code ORDER_INFO}, {@code PRODUCT_INFO}, {@code ERROR_DETAILS}, {@code ACTION_RESULT}
 * or {@code OPENDATA}
 * @param data the data, shaped by the response type (nested objects are maps, arrays are
 * lists)
 * @param schemaVersion the version of the data's schema
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StructuredData(@JsonProperty("response_type") @Nullable String responseType,
		@JsonProperty("data") @Nullable Map<String, @Nullable Object> data,
		@JsonProperty("schema_version") @Nullable String schemaVersion) {
}
