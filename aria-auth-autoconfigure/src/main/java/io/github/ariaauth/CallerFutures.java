package io.github.ariaauth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Hands each asynchronous caller a future of its own, completed on the completion
 * executor: never on a thread that makes token requests, nor on the JVM-wide timer thread
 * of {@code CompletableFuture.orTimeout}, both of which a caller's blocking continuation
 * would stall for every registration, or every timeout of the process.
 */
final class CallerFutures {

	private final Executor completion;

	private final long timeoutMillis;

	private final Supplier<AriaAuthException> timeout;

	CallerFutures(Executor completion, long timeoutMillis, Supplier<AriaAuthException> timeout) {
		this.completion = completion;
		this.timeoutMillis = timeoutMillis;
		this.timeout = timeout;
	}

	/**
	 * A future of the caller's own for the shared one, so that completing or cancelling
	 * it cannot disturb the other waiters, failing after the acquire timeout.
	 */
	CompletableFuture<AriaAccessToken> forCaller(CompletableFuture<AriaAccessToken> shared) {
		CompletableFuture<AriaAccessToken> result = new CompletableFuture<>();
		if (shared.isDone()) {
			// Answered already (a failure while the next attempt is not due): this is
			// the caller's own thread.
			shared.whenComplete((token, ex) -> forward(result, token, ex));
			return result;
		}
		CompletableFuture<@Nullable Void> timer = new CompletableFuture<>();
		timer.orTimeout(this.timeoutMillis, TimeUnit.MILLISECONDS).whenCompleteAsync((ignored, ex) -> {
			if (ex != null) {
				result.completeExceptionally(this.timeout.get());
			}
		}, this.completion);
		shared.whenComplete((token, ex) -> execute(() -> {
			timer.complete(null);
			forward(result, token, ex);
		}));
		return result;
	}

	/**
	 * Wait, on the caller's own thread, for the shared future, up to the acquire timeout.
	 */
	AriaAccessToken await(CompletableFuture<AriaAccessToken> shared, TokenFailures failures) {
		try {
			return shared.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof AriaAuthException aria) ? aria.forCaller()
					: failures.unexpected(new IllegalStateException(ex.getCause()));
		}
		catch (TimeoutException ex) {
			throw this.timeout.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failures.interrupted();
		}
	}

	private void execute(Runnable task) {
		try {
			this.completion.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// A caller must hear back even when the executor refuses.
			task.run();
		}
	}

	private static void forward(CompletableFuture<AriaAccessToken> result, @Nullable AriaAccessToken token,
			@Nullable Throwable ex) {
		if (ex != null) {
			result.completeExceptionally(forCaller(ex));
		}
		else if (token != null) {
			result.complete(token);
		}
	}

	/**
	 * Each caller gets an exception of its own, caused by the shared one, so that nothing
	 * piles up on the shared instance.
	 */
	static Throwable forCaller(Throwable ex) {
		Throwable failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		return (failure instanceof AriaAuthException aria) ? aria.forCaller() : failure;
	}

}
