package io.github.ariaauth;

/**
 * Aria data-centre region that hosts a tenant's token endpoint and Billie Connect API.
 *
 * @since 0.1.0
 */
public enum AriaRegion {

	/** United States. */
	US,

	/** Australia. */
	AUS,

	/** Singapore. */
	SGP,

	/** Copenhagen (Europe). */
	CPH

}
