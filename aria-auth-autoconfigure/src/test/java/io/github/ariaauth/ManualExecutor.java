package io.github.ariaauth;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * An executor that queues tasks until the test runs them, so a test sees exactly what was
 * started.
 */
public final class ManualExecutor implements Executor {

	private final Queue<Runnable> tasks = new ArrayDeque<>();

	@Override
	public synchronized void execute(Runnable task) {
		this.tasks.add(task);
	}

	public synchronized int queued() {
		return this.tasks.size();
	}

	public void runAll() {
		Runnable task;
		while ((task = poll()) != null) {
			task.run();
		}
	}

	private synchronized Runnable poll() {
		return this.tasks.poll();
	}

}
