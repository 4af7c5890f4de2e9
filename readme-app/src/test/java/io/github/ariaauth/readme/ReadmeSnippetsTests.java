package io.github.ariaauth.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block of the repository's README.md is a region of code this module compiles
 * and tests, word for word.
 */
class ReadmeSnippetsTests {

	// Maven runs the tests in the module's directory (and says so in "basedir"); the
	// README is one level up.
	private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
		.toAbsolutePath()
		.getParent();

	@Test
	void readmeShowsTheCodeAsItIs() throws IOException {
		String readme = Files.readString(ROOT.resolve("README.md"));
		List<String> problems = ReadmeSnippets.check(readme, ReadmeSnippetsTests::readFromRepository);
		assertThat(problems).withFailMessage(() -> String.join("\n\n", problems)).isEmpty();
		assertThat(readme).contains("```java");
	}

	@Test
	void matchingBlockPassesWhateverItsIndentation() {
		String readme = """
				<!-- snippet: App.java#hello -->
				```java
				void hello() {
				    say("hello");
				}
				```
				""";
		assertThat(ReadmeSnippets.check(readme, files(Map.of("App.java", """
				class App {
					// tag::hello[]
					void hello() {
						say("hello");
					}
					// end::hello[]
				}
				""")))).isEmpty();
	}

	@Test
	void changedLineIsReportedWithADiff() {
		String readme = """
				<!-- snippet: App.java#hello -->
				```java
				void hello() {
					say("hi");
				}
				```
				""";
		assertThat(ReadmeSnippets.check(readme, files(Map.of("App.java", """
				// tag::hello[]
				void hello() {
					say("hello");
				}
				// end::hello[]
				""")))).singleElement()
			.asString()
			.contains("README.md line 2 (```java) differs from App.java#hello", "-     say(\"hi\");",
					"+     say(\"hello\");", "  void hello() {");
	}

	@Test
	void javaBlockWithoutASnippetLineFails() {
		String readme = """
				Some text.

				```java
				new Thing();
				```

				```shell
				echo a shell block needs no source
				```
				""";
		assertThat(ReadmeSnippets.check(readme, files(Map.of()))).singleElement()
			.asString()
			.startsWith("README.md line 3 (```java): a Java block must show");
	}

	@Test
	void missingFileOrTagFails() {
		String readme = """
				<!-- snippet: Gone.java#x -->
				```java
				x();
				```
				<!-- snippet: App.java#nowhere -->
				```java
				y();
				```
				""";
		assertThat(ReadmeSnippets.check(readme, files(Map.of("App.java", "y();\n")))).containsExactly(
				"README.md line 2 (```java): no file Gone.java",
				"README.md line 6 (```java): no tag::nowhere[] ... end::nowhere[] in App.java");
	}

	@Test
	void repeatedTagIsJoinedAndOtherTagsLinesAreLeftOut() {
		String readme = """
				<!-- snippet: App.java#shown -->
				```java
				import a.B;

				class App {
				}
				```
				<!-- snippet: app.yml -->
				```yaml
				a: 1
				```
				""";
		assertThat(ReadmeSnippets.check(readme, files(Map.of("App.java", """
				package p;

				// tag::shown[]
				import a.B;
				// tag::inner[]

				// end::shown[]
				import c.D;
				// tag::shown[]
				class App {
				}
				// end::inner[]
				// end::shown[]
				""", "app.yml", "a: 1\n")))).isEmpty();
	}

	private static @Nullable String readFromRepository(String path) {
		Path file = ROOT.resolve(path).normalize();
		if (!file.startsWith(ROOT) || !Files.isRegularFile(file)) {
			return null;
		}
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Function<String, @Nullable String> files(Map<String, String> files) {
		return files::get;
	}

}
