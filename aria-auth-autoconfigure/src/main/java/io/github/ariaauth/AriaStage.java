package io.github.ariaauth;

/**
 * Aria environment stage within a region.
 *
 * @since 0.1.0
 */
public enum AriaStage {

	/** Production. */
	PROD,

	/** The "current" staging environment. */
	CURRENT,

	/** The "future" staging environment (next release). */
	FUTURE

}
