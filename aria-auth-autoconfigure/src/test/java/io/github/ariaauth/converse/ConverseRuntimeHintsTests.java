package io.github.ariaauth.converse;

import java.lang.reflect.RecordComponent;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConverseRuntimeHints}: what Jackson needs to read and write every
 * Converse record in a native image.
 */
class ConverseRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	ConverseRuntimeHintsTests() {
		new ConverseRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@ParameterizedTest
	@ValueSource(classes = { ConverseRequest.class, ConverseResponse.class, ConverseTask.class, ConverseContent.class,
			ConverseMetadata.class, ResponsePreferences.class, StructuredData.class })
	void everyRecordCanBeConstructedAndReadByJackson(Class<?> record) throws Exception {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(record)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		Class<?>[] componentTypes = List.of(record.getRecordComponents())
			.stream()
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(record.getDeclaredConstructor(componentTypes))).accepts(this.hints);
		for (RecordComponent component : record.getRecordComponents()) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
				.accepts(this.hints);
		}
	}

	@Test
	void areContributedToEveryAheadOfTimeProcessingThroughAotFactories() {
		// An empty context: no bean brings the records in, only
		// META-INF/spring/aot.factories does.
		TestGenerationContext generationContext = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime(new GenericApplicationContext(), generationContext);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(ConverseResponse.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
			.accepts(generationContext.getRuntimeHints());
	}

}
