#!/usr/bin/env python3
"""Scores JSONL records with stance on Apache Spark: local cores by default, a cluster with --master.

    tools/spark/score.py INPUT OUTPUT [--master URL] [--model FILE] [--partitions N]
                         [--stance BIN] [--threads T] [--skip-bad]

    tools/spark/score.py corpus.jsonl scored/                 # local[*]: every core of this machine
    cat scored/part-* > scored.jsonl                          # the records in input order
    tools/spark/score.py --master spark://head:7077 --stance /opt/stance/bin/stance \\
        hdfs:///news/2024/*.jsonl hdfs:///news/scored-2024/

INPUT is any path Spark reads as text (a file, a folder, a glob; file:, hdfs:, s3a: ...): one
{"id": ..., "text": ...} record a line, other members kept (outlet, date...), as `stance score`
takes them. OUTPUT is a folder that must not exist yet; it gets part-00000, part-00001... (one per
partition, in input order: their concatenation is the input's records in order) and _SUCCESS.

Each partition is piped through one `stance score --input jsonl --format jsonl` process, so every
record comes out exactly as one `stance score` process over the whole input writes it: a record is
its own document, and stance's scores do not depend on batches or threads. Records need an "id"
(a record without one would be named by its line number within its partition, which means nothing).

The binary and the model are shipped to the executors with SparkContext.addFile (the semantics of
spark-submit --files): each executor fetches them once and a task finds them with SparkFiles.get.
On a cluster the binary must not need the Swift toolchain's libraries: build it with
`tools/install.sh PREFIX` (static Swift runtime; executors still need libc, BLAS and LAPACK).

A failed or slow task is run again by Spark; no record comes out twice, because each task attempt
writes its part file under OUTPUT/_temporary and Hadoop's output committer moves only one committed
attempt per partition into OUTPUT (the job commit then writes _SUCCESS). A record stance rejects
fails the job (with --skip-bad: is left out and named in the executor's log).

Runs under tools/spark/.venv's python (tools/spark/setup.sh); started with another python that has
no pyspark, it starts itself again under that one.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_PYTHON = HERE / ".venv" / "bin" / "python"

try:
    import pyspark  # noqa: F401
except ImportError:
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    sys.exit("score.py: pyspark is not installed; run tools/spark/setup.sh first")

from pyspark import SparkConf, SparkContext, SparkFiles, TaskContext  # noqa: E402

# A record's own "id" member: `"id"` followed by a colon. Inside a JSON string a quote is escaped
# (\"id\"), so text that merely mentions "id" does not match.
ID_MEMBER = re.compile(rb'"id"\s*:')


def fail(message):
    print(f"score.py: {message}", file=sys.stderr)
    sys.exit(1)


def has_scheme(path):
    """True for a URI (hdfs://..., s3a://..., file:/...), false for a plain local path."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path) is not None


def model_of(stance):
    """The model file `stance` uses when given none: the line `model: PATH` of `stance inspect`."""
    try:
        shown = subprocess.run([stance, "inspect", "--top", "0"], capture_output=True, text=True,
                               check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        fail(f"could not ask {stance} for its model ({error}); give --model FILE")
    for line in shown.splitlines():
        if line.startswith("model:"):
            return line.split(":", 1)[1].strip()
    fail(f"{stance} inspect named no model; give --model FILE")


def check_portable(stance, local):
    """Warns when the binary needs the Swift toolchain's libraries, which a cluster's nodes lack."""
    if local or not shutil.which("ldd"):
        return
    linked = subprocess.run(["ldd", stance], capture_output=True, text=True).stdout
    if "libswift" in linked:
        print(f"score.py: warning: {stance} links the Swift runtime dynamically; executors without "
              "the toolchain cannot run it (build one with tools/install.sh PREFIX)", file=sys.stderr)


def executable(name):
    """The shipped file `name` on this executor, made executable (a copy when it cannot be)."""
    path = SparkFiles.get(name)
    if os.access(path, os.X_OK):
        return path
    try:
        os.chmod(path, 0o755)
        return path
    except OSError:
        # A read-only work directory: run a private copy instead.
        copy = os.path.join(tempfile.mkdtemp(prefix="stance-"), name)
        shutil.copy(path, copy)
        os.chmod(copy, 0o755)
        return copy


def score_partition(binary_name, model_name, threads, skip_bad, fail_first_attempt=False):
    """The function each partition goes through: lines in, one stance process, scored lines out.

    fail_first_attempt (check.sh's retry test): the first attempt of partition 0 dies after
    writing 100 records, as a lost executor would, so that Spark runs it again.
    """

    def run(index, lines):
        lines = iter(lines)
        first = next(lines, None)
        if first is None:
            return  # An empty partition starts no process and writes an empty part file.
        command = [executable(binary_name), "score", "--input", "jsonl", "--format", "jsonl",
                   "--model", SparkFiles.get(model_name), "--threads", str(threads)]
        if skip_bad:
            command.append("--skip-bad")
        errors = tempfile.TemporaryFile()
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=errors)
        problem = []

        def feed():
            number = 0
            try:
                for number, line in enumerate(chain(first, lines), 1):
                    if line.strip() and not ID_MEMBER.search(line):
                        problem.append(f"partition {index}, line {number} of it: a record has no "
                                       '"id"; on Spark every record needs one')
                        break
                    process.stdin.write(line)
                    process.stdin.write(b"\n")
            except BrokenPipeError:
                pass  # stance stopped early; its exit status and message tell why.
            except Exception as error:  # reading the input failed: stop stance, report below
                problem.append(f"partition {index}: reading the input failed: {error!r}")
            finally:
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        doomed = fail_first_attempt and index == 0 and TaskContext.get().attemptNumber() == 0
        try:
            for count, out in enumerate(process.stdout, 1):
                yield out.rstrip(b"\n")
                if doomed and count == 100:
                    raise RuntimeError("partition 0's first attempt stopped on purpose (--fail-first-attempt)")
            writer.join()
            status = process.wait()
        finally:
            # A task that fails or is cancelled (Spark closes this generator) leaves no process behind.
            if process.poll() is None:
                process.kill()
                process.wait()
        errors.seek(0)
        said = errors.read().decode("utf-8", "replace").strip()
        if problem:
            raise RuntimeError(problem[0])
        if status != 0:
            # stance names the line as -:N, N counting from this partition's first line.
            raise RuntimeError(f"stance score failed on partition {index} (exit {status}; line "
                               f"numbers count within the partition): {said}")
        if said:
            print(said, file=sys.stderr)  # --skip-bad's notices, in the executor's log

    return run


def chain(first, rest):
    yield first
    yield from rest


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", metavar="INPUT", help="JSONL path, folder or glob Spark can read")
    parser.add_argument("output", metavar="OUTPUT", help="folder for the part files (must not exist)")
    parser.add_argument("--master", metavar="URL",
                        help="Spark master URL (default: spark-submit's --master, else local[*]: "
                             "every local core)")
    parser.add_argument("--model", metavar="FILE", help="model file (default: the model --stance uses by itself)")
    parser.add_argument("--partitions", type=int, metavar="N",
                        help="partitions, i.e. stance processes (default: Spark's input splits, at "
                             "least one per core)")
    parser.add_argument("--stance", default=shutil.which("stance"), metavar="BIN",
                        help="the stance binary to ship (default: stance on PATH)")
    parser.add_argument("--threads", type=int, default=1, metavar="T",
                        help="threads per stance process; Spark gives each task as many cores "
                             "(spark.task.cpus) (default 1)")
    parser.add_argument("--skip-bad", action="store_true",
                        help="leave out records stance rejects instead of failing the job")
    # For tools/spark/check.sh: shows that a retried task leaves no duplicates (needs a master
    # that retries, e.g. local[2,4]).
    parser.add_argument("--fail-first-attempt", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if not args.stance:
        fail("no stance on PATH; give --stance BIN (built by tools/install.sh PREFIX)")
    if args.partitions is not None and args.partitions < 1:
        fail(f"--partitions must be at least 1, not {args.partitions}")
    if args.threads < 1:
        fail(f"--threads must be at least 1, not {args.threads}")
    conf = SparkConf()  # under spark-submit it holds spark-submit's settings
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    local = conf.get("spark.master").startswith("local")
    if not has_scheme(args.stance):
        if not os.access(args.stance, os.X_OK):
            fail(f"{args.stance}: not an executable file")
        args.stance = os.path.abspath(args.stance)
        check_portable(args.stance, local)
    if args.model is None:
        if has_scheme(args.stance):
            fail("a --stance URI needs --model FILE")
        args.model = model_of(args.stance)
    if not has_scheme(args.model):
        if not os.path.isfile(args.model):
            fail(f"{args.model}: no such model file")
        args.model = os.path.abspath(args.model)
    if not has_scheme(args.input) and not glob.glob(args.input):
        fail(f"{args.input}: no such file or folder")
    if not has_scheme(args.output) and os.path.exists(args.output):
        fail(f"{args.output}: exists already; give a new folder")
    binary_name = os.path.basename(args.stance)
    model_name = os.path.basename(args.model)
    if binary_name == model_name:
        fail(f"the binary and the model are both named {binary_name}; rename one")

    if local:
        # The workers must run this python (it has pyspark); bind to loopback, not the network.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    conf.setAppName("stance score").set("spark.task.cpus", str(args.threads))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        sc.addFile(args.stance)
        sc.addFile(args.model)
        lines = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism,
                            use_unicode=False)
        if args.partitions is not None and lines.getNumPartitions() > args.partitions:
            lines = lines.coalesce(args.partitions)  # no shuffle: partitions keep input order
        scored = lines.mapPartitionsWithIndex(
            score_partition(binary_name, model_name, args.threads, args.skip_bad,
                            args.fail_first_attempt))
        scored.saveAsTextFile(args.output)
        parts = scored.getNumPartitions()
    except Exception as error:  # Py4J errors carry the Java stack; the first lines say what failed
        lines = str(error).splitlines() or [repr(error)]
        # The task's own message (a RuntimeError of score_partition) says more than Spark's wrapper.
        reason = next((line for line in lines if "RuntimeError:" in line),
                      next((line for line in lines if "Exception:" in line), lines[0]))
        sc.stop()
        if not has_scheme(args.output) and os.path.isdir(args.output) \
                and not os.path.exists(os.path.join(args.output, "_SUCCESS")):
            shutil.rmtree(args.output)  # what an aborted job left: no part file is trustworthy
        fail(f"job failed: {reason.strip()}")
    sc.stop()
    print(f"score.py: scored {args.input} in {parts} partitions into {args.output} "
          f"(concatenate {args.output}/part-* in name order)", file=sys.stderr)


if __name__ == "__main__":
    main()
