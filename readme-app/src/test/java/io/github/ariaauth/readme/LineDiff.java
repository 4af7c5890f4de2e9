package io.github.ariaauth.readme;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff from the longest common subsequence: unchanged lines start with two spaces,
 * removed ones with {@code "- "}, added ones with {@code "+ "}.
 */
final class LineDiff {

	private LineDiff() {
	}

	static String diff(List<String> from, List<String> to) {
		int[][] common = new int[from.size() + 1][to.size() + 1];
		for (int i = from.size() - 1; i >= 0; i--) {
			for (int j = to.size() - 1; j >= 0; j--) {
				common[i][j] = from.get(i).equals(to.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		List<String> lines = new ArrayList<>();
		int i = 0;
		int j = 0;
		while (i < from.size() || j < to.size()) {
			if (i < from.size() && j < to.size() && from.get(i).equals(to.get(j))) {
				lines.add("  " + from.get(i++));
				j++;
			}
			else if (i < from.size() && (j == to.size() || common[i + 1][j] >= common[i][j + 1])) {
				lines.add("- " + from.get(i++));
			}
			else {
				lines.add("+ " + to.get(j++));
			}
		}
		return String.join("\n", lines);
	}

}
