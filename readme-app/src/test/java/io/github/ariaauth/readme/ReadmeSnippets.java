package io.github.ariaauth.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Compares the fenced code blocks of a Markdown file with the source regions they show.
 * <p>
 * A block shows a region when the line above its opening fence is
 * {@code <!-- snippet: PATH#TAG -->}: the lines between {@code tag::TAG[]} and
 * {@code end::TAG[]} in the file at {@code PATH} (relative to the repository root; a tag
 * that occurs more than once is joined in order), or with {@code <!-- snippet: PATH -->}
 * the whole file. Every {@code java} block must show a region; others may. Indentation is
 * compared relative to the block, and a tab counts as four spaces.
 */
final class ReadmeSnippets {

	private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*)\\s*$");

	private static final Pattern MARKER = Pattern
		.compile("^\\s*<!--\\s*snippet:\\s*([^#\\s]+)(?:#(\\S+))?\\s*-->\\s*$");

	private static final Pattern TAG_LINE = Pattern.compile("\\b(?:tag|end)::[\\w-]+\\[]");

	private ReadmeSnippets() {
	}

	/**
	 * Check every block of the given Markdown.
	 * @param markdown the Markdown text
	 * @param files reads a file by its path relative to the repository root, {@code null}
	 * if there is none
	 * @return one message per problem, empty when every block shows its region exactly
	 */
	static List<String> check(String markdown, Function<String, @Nullable String> files) {
		List<String> problems = new ArrayList<>();
		List<String> lines = markdown.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			Matcher fence = FENCE.matcher(lines.get(i));
			if (!fence.matches()) {
				continue;
			}
			int opening = i;
			int closing = opening + 1;
			while (closing < lines.size() && !FENCE.matcher(lines.get(closing)).matches()) {
				closing++;
			}
			i = closing;
			String language = fence.group(1);
			Matcher marker = (opening > 0) ? MARKER.matcher(lines.get(opening - 1)) : null;
			String where = "README.md line " + (opening + 1) + " (```" + language + ")";
			if (marker == null || !marker.matches()) {
				if (language.equals("java")) {
					problems.add(where + ": a Java block must show a compiled, tested region; put a "
							+ "<!-- snippet: PATH#TAG --> line above it");
				}
				continue;
			}
			String path = marker.group(1);
			String tag = marker.group(2);
			String file = files.apply(path);
			if (file == null) {
				problems.add(where + ": no file " + path);
				continue;
			}
			List<String> region = (tag != null) ? region(file, tag) : file.lines().toList();
			if (region == null) {
				problems.add(where + ": no tag::" + tag + "[] ... end::" + tag + "[] in " + path);
				continue;
			}
			List<String> expected = normalize(region);
			List<String> actual = normalize(lines.subList(opening + 1, Math.min(closing, lines.size())));
			if (!expected.equals(actual)) {
				problems.add(where + " differs from " + path + ((tag != null) ? "#" + tag : "")
						+ " (- README, + source):\n" + LineDiff.diff(actual, expected) + "\nThe block should read:\n"
						+ String.join("\n", dedent(region)));
			}
		}
		return problems;
	}

	private static @Nullable List<String> region(String file, String tag) {
		List<String> region = new ArrayList<>();
		boolean found = false;
		boolean inside = false;
		for (String line : file.lines().toList()) {
			if (line.contains("tag::" + tag + "[]")) {
				inside = true;
				found = true;
			}
			else if (line.contains("end::" + tag + "[]")) {
				inside = false;
			}
			else if (inside && !TAG_LINE.matcher(line).find()) {
				region.add(line);
			}
		}
		return found ? region : null;
	}

	/**
	 * Tabs as four spaces, no trailing blanks, no common indentation, no blank first or
	 * last lines.
	 */
	static List<String> normalize(List<String> lines) {
		List<String> expanded = lines.stream().map(ReadmeSnippets::expandTabs).map(String::stripTrailing).toList();
		int indent = expanded.stream()
			.filter((line) -> !line.isEmpty())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return normalizeEnds(expanded.stream().map((line) -> line.isEmpty() ? line : line.substring(indent)).toList());
	}

	/**
	 * The region without the leading whitespace all its lines share, tabs kept, to paste
	 * into the README.
	 */
	private static List<String> dedent(List<String> region) {
		String common = null;
		for (String line : region) {
			if (line.isBlank()) {
				continue;
			}
			String leading = line.substring(0, line.length() - line.stripLeading().length());
			while (common != null && !leading.startsWith(common)) {
				common = common.substring(0, common.length() - 1);
			}
			common = (common != null) ? common : leading;
		}
		int strip = (common != null) ? common.length() : 0;
		List<String> lines = region.stream().map((line) -> line.isBlank() ? "" : line.substring(strip)).toList();
		return normalizeEnds(lines);
	}

	private static List<String> normalizeEnds(List<String> lines) {
		List<String> result = new ArrayList<>(lines);
		while (!result.isEmpty() && result.get(0).isBlank()) {
			result.remove(0);
		}
		while (!result.isEmpty() && result.get(result.size() - 1).isBlank()) {
			result.remove(result.size() - 1);
		}
		return result;
	}

	private static String expandTabs(String line) {
		StringBuilder result = new StringBuilder();
		for (char c : line.toCharArray()) {
			if (c == '\t') {
				result.append(" ".repeat(4 - result.length() % 4));
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
