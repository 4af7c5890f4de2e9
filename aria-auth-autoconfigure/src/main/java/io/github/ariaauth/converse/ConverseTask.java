package io.github.ariaauth.converse;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Billie's acceptance of an asynchronous (v3) request: {@code 202 {"message": ...,
 * "task_id": ...}}. The answer arrives later at the request's callback URL, as a
 * {@link ConverseResponse}.
 *
 * @since 0.1.0
 * @param message Billie's message, such as {@code "Request accepted"}
 * @param taskId the ID of the task that will answer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConverseTask(@JsonProperty("message") @Nullable String message, @JsonProperty("task_id") String taskId) {

	/**
	 * Create a new instance.
	 * @param message Billie's message
	 * @param taskId the ID of the task that will answer
	 */
	public ConverseTask {
		Objects.requireNonNull(taskId, "Billie accepted the request without a task_id");
	}

}
