package io.github.ariaauth.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns JMH's JSON result file into the Markdown table for figure 1, with ratios to the
 * floors measured in the same run. Ratios use the median iteration, which resists
 * interference from other processes. Run with
 * {@code java -cp benchmarks.jar io.github.ariaauth.benchmarks.JmhSummary target/jmh.json}.
 */
public final class JmhSummary {

	private JmhSummary() {
	}

	public static void main(String[] args) {
		JsonNode results = JsonMapper.builder().build().readTree(new File(args[0]));
		Map<String, Map<String, double[]>> byClass = new LinkedHashMap<>();
		for (JsonNode result : results) {
			String benchmark = result.get("benchmark").asString();
			String className = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1,
					benchmark.lastIndexOf('.'));
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			JsonNode primary = result.get("primaryMetric");
			JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
			double allocation = alloc.isMissingNode() ? Double.NaN : alloc.get("score").asDouble();
			List<Double> iterations = new ArrayList<>();
			for (JsonNode fork : primary.path("rawData")) {
				for (JsonNode iteration : fork) {
					iterations.add(iteration.asDouble());
				}
			}
			Collections.sort(iterations);
			double median = iterations.isEmpty() ? Double.NaN : iterations.get(iterations.size() / 2);
			double min = iterations.isEmpty() ? Double.NaN : iterations.get(0);
			double max = iterations.isEmpty() ? Double.NaN : iterations.get(iterations.size() - 1);
			byClass.computeIfAbsent(className, (key) -> new LinkedHashMap<>())
				.put(method, new double[] { median, primary.get("score").asDouble(),
						primary.get("scoreError").asDouble(), allocation, min, max, iterations.size() });
		}
		System.out.println();
		System.out.println("### Figure 1: hot path with a cached token (no-op downstream)");
		System.out.println();
		System.out.println(
				"| stack | contender | ns/op (median of iterations) | ns/op (mean ± error) | ns/op (min-max of iterations) | B/op (gc.alloc.rate.norm) | ratio to no auth | ratio to fixed header |");
		System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
		for (Map.Entry<String, Map<String, double[]>> entry : byClass.entrySet()) {
			String stack = entry.getKey().startsWith("RestClient") ? "RestClient interceptor" : "WebClient filter";
			Map<String, double[]> methods = entry.getValue();
			double[] none = methods.get("noAuth");
			double[] fixed = methods.get("fixedHeader");
			for (String method : new String[] { "noAuth", "fixedHeader", "aria", "springSecurity", "ariaCoreGetToken",
					"ariaCoreGetTokenIfAvailable", "ariaCoreGetTokenObserved", "ariaCoreGetTokenMono" }) {
				double[] score = methods.get(method);
				if (score == null) {
					continue;
				}
				boolean core = method.startsWith("ariaCore");
				System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f ± %.1f | %.1f-%.1f (%.0f) | %.0f | %s | %s |%n",
						stack, label(method), score[0], score[1], score[2], score[4], score[5], score[6], score[3],
						core ? "-" : ratio(score, none), core ? "-" : ratio(score, fixed));
			}
		}
	}

	private static String ratio(double[] score, double[] floor) {
		return (floor != null) ? String.format(Locale.ROOT, "%.2fx", score[0] / floor[0]) : "-";
	}

	private static String label(String method) {
		return switch (method) {
			case "noAuth" -> "no auth (floor)";
			case "fixedHeader" -> "fixed header (floor)";
			case "aria" -> "aria-auth";
			case "springSecurity" -> "Spring Security 7.0.6";
			case "ariaCoreGetToken" -> "aria-auth core only: getToken()";
			case "ariaCoreGetTokenIfAvailable" -> "aria-auth core only: getTokenIfAvailable()";
			case "ariaCoreGetTokenObserved" -> "aria-auth core only: getToken(), ObservationRegistry with a handler";
			case "ariaCoreGetTokenMono" -> "aria-auth core only: getTokenMono().block()";
			default -> method;
		};
	}

}
