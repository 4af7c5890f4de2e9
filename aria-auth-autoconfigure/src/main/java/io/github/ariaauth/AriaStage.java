package io.github.ariaauth;

/**
 * Aria environment stage within a region.
 */
public enum AriaStage {

	/** Production. */
	PROD,

	/** The "current" staging environment. */
	CURRENT,

	/** The "future" staging environment (next release). */
	FUTURE

}
