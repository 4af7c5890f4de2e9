#!/usr/bin/env bash
# Reproduces every figure in BENCHMARKS.md in one go (about 15 minutes on 2 cores):
# builds the benchmarks module with the Maven wrapper, runs the JMH hot-path benchmarks (figure 1),
# the concurrency harness (figures 2-4), the lock check of the cached-token path (figure 5) and the
# many-registrations harness (figure 6, one JVM per size) and a healthy registration beside hanging ones (figure 7). Everything runs on loopback with bounded durations.
# Usage: benchmarks/run.sh [extra Maven arguments, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/.."
out=benchmarks/target/results
jar=benchmarks/target/benchmarks.jar

./mvnw -q -B -ntp "$@" -pl benchmarks -am package -DskipTests
mkdir -p "$out"

{
	echo "## Machine"
	echo
	echo '```'
	echo "nproc: $(nproc)"
	grep -m1 'model name' /proc/cpuinfo || true
	free -h
	java -version 2>&1
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo '```'
} | tee "$out/figures.md"

java -jar "$jar" -f 2 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$out/jmh.json" 'HotPathBenchmark' \
	> "$out/jmh.log" 2>&1 || { tail -50 "$out/jmh.log"; exit 1; }
java -cp "$jar" io.github.ariaauth.benchmarks.JmhSummary "$out/jmh.json" | tee -a "$out/figures.md"
java -cp "$jar" io.github.ariaauth.benchmarks.Harness all | tee -a "$out/figures.md"
java -cp "$jar" io.github.ariaauth.benchmarks.Harness contention | tee -a "$out/figures.md"
java -cp "$jar" io.github.ariaauth.benchmarks.Harness registrations | tee -a "$out/figures.md"
java -cp "$jar" io.github.ariaauth.benchmarks.Harness hanging | tee -a "$out/figures.md"
echo | tee -a "$out/figures.md"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/figures.md"
echo "Full JMH output: $out/jmh.log; tables: $out/figures.md"
