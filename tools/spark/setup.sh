#!/usr/bin/env bash
# Installs a local Apache Spark for tools/spark/score.py, only what is missing; safe to run twice.
#   Java 17 or newer      Debian's openjdk-17-jre-headless (apt-get), unless a `java` of 17+ is found
#   pyspark (PyPI)        in tools/spark/.venv, with Spark's own jars (local mode needs nothing else)
# Usage: tools/spark/setup.sh        Prints how to run score.py when done.
# Environment: PYTHON (the python3 that creates the venv, default python3; pyspark needs 3.10+).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=$here/.venv
python=${PYTHON:-python3}

java_major() {
  # `java -version` prints 'openjdk version "17.0.15" ...' (or "1.8.0_..." for Java 8) on stderr.
  command -v java >/dev/null 2>&1 || { echo 0; return; }
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)\.\{0,1\}\([0-9]*\).*/\1 \2/p' | head -1 |
    awk '{ print ($1 == 1 ? $2 : $1) }'
}

major=$(java_major)
if [ "${major:-0}" -ge 17 ]; then
  echo "spark setup: java $major present" >&2
else
  echo "spark setup: installing openjdk-17-jre-headless (found java ${major:-none})" >&2
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "spark setup: apt-get not found; install a Java 17 runtime with your system's package manager, then rerun" >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "spark setup: not root and no sudo; run as root: apt-get install -y openjdk-17-jre-headless" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y -q openjdk-17-jre-headless >/dev/null 2>&1; then
    # The package lists may be stale or absent on a fresh machine.
    "${sudo[@]}" apt-get update -q >/dev/null 2>&1 || true
    "${sudo[@]}" apt-get install -y -q openjdk-17-jre-headless >&2 || {
      echo "spark setup: could not install openjdk-17-jre-headless; run: apt-get update && apt-get install -y openjdk-17-jre-headless" >&2
      exit 1
    }
  fi
  # Another java may come first on PATH; Debian's 17 lives here.
  if [ "$(java_major)" -lt 17 ] 2>/dev/null; then
    echo "spark setup: 'java' on PATH is still older than 17; set JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 and PATH accordingly" >&2
    exit 1
  fi
fi

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "spark setup: pyspark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)') present in $venv" >&2
else
  echo "spark setup: installing pyspark into $venv" >&2
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv" >&2
  "$venv/bin/pip" install -q pyspark >&2
fi

# A smoke test: a job on local[1] that really runs on the JVM.
SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1} "$venv/bin/python" - <<'PY' >&2
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[1]").appName("stance-setup-check").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
n = spark.sparkContext.parallelize(range(1000), 2).map(lambda x: x * 2).sum()
spark.stop()
assert n == 999000, n
print(f"spark setup: local Spark runs (test job summed {n})")
PY

cat <<MSG
Spark is ready. Score a JSONL file with the stance on PATH (or --stance BIN) on all local cores:
  $venv/bin/python $here/score.py in.jsonl out/
  cat out/part-* > scored.jsonl
On a cluster: $venv/bin/python $here/score.py --master spark://HOST:7077 hdfs:///in.jsonl hdfs:///out/
MSG
