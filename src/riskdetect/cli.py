"""The ``riskdetect`` command line: scan, labels, eval, train and data tools.

A thin layer: it parses arguments, calls the library and prints.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from . import __version__

__all__ = ["main"]

EXIT_BAD_INPUT = 2


class _Fail(Exception):
    """A user-facing failure: message printed to stderr, exit code 2."""


# -- input reading -------------------------------------------------------------------------------
def _iter_scan_rows(path: str, column: str, file_format: str, skip_bad: bool, skipped: list):
    """Yield ``(line_number, id, text)``; bad lines raise, or go to ``skipped`` with --skip-bad."""
    from .data.io import CorpusError, read_jsonl

    if path != "-" and not Path(path).exists():
        raise _Fail(f"{path}: no such file")
    suffix = Path(path).suffix.lower() if path != "-" else ""
    kind = file_format if file_format != "auto" else {
        ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "tsv",
        ".parquet": "parquet", ".pq": "parquet",
    }.get(suffix, "text")
    if path == "-":
        data = sys.stdin.buffer.read()
        if file_format == "auto":
            first = data.lstrip()[:1]
            kind = "jsonl" if first == b"{" else "text"
        source = "<stdin>"
    else:
        data = None
        source = path
    if kind == "jsonl":
        if data is not None:
            import tempfile

            with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as handle:
                handle.write(data)
                temporary = handle.name
            try:
                records, bad = read_jsonl(temporary, skip_bad=skip_bad)
            except CorpusError as error:
                raise _Fail(str(error).replace(temporary, source)) from None
            finally:
                Path(temporary).unlink()
        else:
            try:
                records, bad = read_jsonl(path, skip_bad=skip_bad)
            except CorpusError as error:
                raise _Fail(str(error)) from None
        skipped.extend({"file": source, "line": p.line, "reason": p.message} for p in bad)
        for record in records:
            text = record.get(column)
            if not isinstance(text, str):
                reason = f"field {column!r} is missing or not a string"
                if not skip_bad:
                    raise _Fail(f"{source}:{record['_line']}: {reason}; fix the line, pass --column, or --skip-bad")
                skipped.append({"file": source, "line": record["_line"], "reason": reason})
                continue
            yield record["_line"], record.get("id"), text
    elif kind in ("csv", "tsv", "parquet"):
        import pandas as pd

        if kind == "parquet":
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path if data is None else io.BytesIO(data), sep="\t" if kind == "tsv" else ",", dtype=str, keep_default_na=False)
        if column not in frame.columns:
            raise _Fail(f"{source}: no column {column!r} (columns: {list(frame.columns)}); pass --column NAME")
        ids = frame["id"].tolist() if "id" in frame.columns else [None] * len(frame)
        for number, (id_, text) in enumerate(zip(ids, frame[column].tolist()), start=2 if kind != "parquet" else 1):
            if not isinstance(text, str):
                if not skip_bad:
                    raise _Fail(f"{source}:{number}: column {column!r} is not text; fix it or pass --skip-bad")
                skipped.append({"file": source, "line": number, "reason": f"column {column!r} is not text"})
                continue
            yield number, id_, text
    else:
        raw = data if data is not None else Path(path).read_bytes()
        for number, line in enumerate(raw.split(b"\n"), start=1):
            try:
                text = line.decode("utf-8").rstrip("\r")
            except UnicodeDecodeError as error:
                reason = f"not UTF-8 ({error.reason} at byte {error.start})"
                if not skip_bad:
                    raise _Fail(f"{source}:{number}: {reason}; re-save as UTF-8 or pass --skip-bad")
                skipped.append({"file": source, "line": number, "reason": reason})
                continue
            if text.strip():
                yield number, None, text


def _parse_thresholds(values):
    if not values:
        return None
    if len(values) == 1 and "=" not in values[0]:
        try:
            return float(values[0])
        except ValueError:
            return values[0]  # an operating point name ("precision_0.90"); the detector checks it
    out = {}
    for value in values:
        label, _, number = value.partition("=")
        if not number:
            raise _Fail(f"--threshold {value!r}: use a number for every label or LABEL=NUMBER")
        out[label] = float(number)
    return out


class _Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.count = 0

    def update(self, n: int):
        self.count += n
        if self.enabled:
            print(f"\rscanned {self.count} messages", end="", file=sys.stderr, flush=True)

    def close(self):
        if self.enabled:
            print(file=sys.stderr)


# -- commands ------------------------------------------------------------------------------------
def _scan_distributed(args) -> int:
    """``scan --scheduler``: a Parquet (or CSV) file or directory scored on a Dask cluster."""
    try:
        import dask.dataframe as dd
        from distributed import Client
    except ImportError:
        raise _Fail("--scheduler needs the dask extra: pip install 'riskdetect[dask]'") from None
    from .dask import score

    if not args.out:
        raise _Fail("--scheduler writes a Parquet directory: pass --out DIR")
    path = Path(args.file)
    is_csv = path.suffix.lower() in (".csv", ".tsv") or (path.is_dir() and any(path.glob("*.csv")))
    with Client(args.scheduler) as client:
        frame = dd.read_csv(str(path / "*.csv") if path.is_dir() else str(path), dtype=str) if is_csv else dd.read_parquet(str(path))
        if args.column not in frame.columns:
            raise _Fail(f"{args.file}: no column {args.column!r} (columns: {list(frame.columns)}); pass --column NAME")
        result = score(
            frame, column=args.column, model=args.model, thresholds=_parse_thresholds(args.threshold), client=client,
            keep_text=True,
        )
        flagged = result["flagged"].sum()
        if args.only_flagged:
            result = result[result["flagged"]]
        result.to_parquet(args.out)
        counts = client.compute([frame.shape[0], flagged], sync=True)
    print(f"riskdetect: {counts[0]} messages scored on {args.scheduler}, {int(counts[1])} flagged; wrote {args.out}", file=sys.stderr)
    return 0


def _cmd_scan(args) -> int:
    from .detector import Detector

    if args.scheduler:
        return _scan_distributed(args)
    detector = Detector.load(args.model)
    thresholds = _parse_thresholds(args.threshold)
    skipped: list = []
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    progress = _Progress(True)
    counts = {"read": 0, "flagged": 0}
    try:
        batch = []
        rows = _iter_scan_rows(args.file, args.column, args.format, args.skip_bad, skipped)
        for row in rows:
            batch.append(row)
            if len(batch) >= args.batch_size:
                _scan_batch(detector, batch, thresholds, args, out, counts)
                progress.update(len(batch))
                batch = []
        if batch:
            _scan_batch(detector, batch, thresholds, args, out, counts)
            progress.update(len(batch))
    finally:
        progress.close()
        if args.out:
            out.close()
    for item in skipped:
        print(f"skipped {item['file']}:{item['line']}: {item['reason']}", file=sys.stderr)
    print(
        f"riskdetect: {counts['read']} messages scored, {counts['flagged']} flagged, {len(skipped)} skipped",
        file=sys.stderr,
    )
    return 0


def _scan_batch(detector, batch, thresholds, args, out, counts):
    from .privacy import redact_result

    texts = [text for _, _, text in batch]
    results = detector.check_many(texts, thresholds=thresholds, explain=args.explain)
    counts["read"] += len(batch)
    for (line, id_, text), result in zip(batch, results):
        if result.flagged:
            counts["flagged"] += 1
        if args.only_flagged and not result.flagged:
            continue
        record = {"line": line}
        if id_ is not None:
            record["id"] = id_
        record["text"] = text
        record.update(result.to_dict())
        if not args.explain:
            record.pop("evidence")
        if args.redact:
            record = redact_result(record)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _is_conversation_file(path: str) -> bool:
    if path == "-" or Path(path).suffix.lower() not in (".jsonl", ".ndjson", ".json"):
        return False
    with open(path, "rb") as handle:
        for raw in handle:
            if raw.strip():
                try:
                    first = json.loads(raw)
                    return isinstance(first, dict) and "messages" in first
                except ValueError:
                    return False
    return False


def _cmd_explain(args) -> int:
    from .conversation import parse_messages
    from .detector import Detector
    from .html_report import render_conversations, render_messages

    detector = Detector.load(args.model)
    thresholds = _parse_thresholds(args.threshold)
    lines = []
    if _is_conversation_file(args.file):
        from .data.io import CorpusError, read_jsonl

        try:
            records, bad = read_jsonl(args.file, skip_bad=args.skip_bad)
        except CorpusError as error:
            raise _Fail(str(error)) from None
        items = []
        for record in records:
            texts, speakers = parse_messages(record["messages"])
            scan = detector.scan_conversation(record["messages"], thresholds=thresholds)
            name = record.get("id", f"line {record['_line']}")
            items.append((name, texts, speakers, scan))
            alert = f"alert at message {scan.alert_index} ({', '.join(scan.alert_labels)})" if scan.alert_index is not None else "no alert"
            lines.append(f"{name}: {alert}")
            for k, spans in enumerate(scan.stage_cues):
                for span in spans:
                    lines.append(f"  [{k}] {span.label}/{span.cue}: {span.text!r}")
        page = render_conversations(items)
    else:
        skipped: list = []
        rows = list(_iter_scan_rows(args.file, args.column, "auto", args.skip_bad, skipped))
        texts = [text for _, _, text in rows]
        results = detector.check_many(texts, thresholds=thresholds, explain=True)
        for (line, id_, text), result in zip(rows, results):
            verdict = ", ".join(result.labels) if result.flagged else "not flagged"
            lines.append(f"{id_ or line}: {verdict}")
            for span in result.evidence:
                lines.append(f"  {span.label}/{span.cue} [{span.start}:{span.end}] {span.text!r}")
        page = render_messages(list(zip(texts, results)))
    if args.html:
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"riskdetect: wrote {args.html}", file=sys.stderr)
    else:
        print("\n".join(lines))
    return 0


def _cmd_serve(args) -> int:
    from .serve import run

    run(host=args.host, port=args.port, model=args.model, api_key_env=args.api_key_env)
    return 0


def _cmd_labels(args) -> int:
    from .labels import TAXONOMY

    if args.json:
        print(json.dumps([info.to_dict() for info in TAXONOMY.values()], ensure_ascii=False, indent=2))
        return 0
    for info in TAXONOMY.values():
        print(f"{info.id:<11} severity {info.severity}  {info.name_en} / {info.name_nl}")
        print(f"            {info.description_en}")
    return 0


def _cmd_data_validate(args) -> int:
    from .data.io import CorpusError, read_jsonl
    from .data.schema import Problem, validate_record

    problems: list[Problem] = []
    seen: dict[str, str] = {}
    total = 0
    for path in args.files:
        try:
            records, bad = read_jsonl(path, skip_bad=True)
        except (OSError, CorpusError) as error:
            problems.append(Problem(path, 0, str(error)))
            continue
        problems.extend(bad)
        for record in records:
            total += 1
            line = record.pop("_line")
            problems.extend(validate_record(record, path, line))
            id_ = record.get("id")
            if isinstance(id_, str):
                if id_ in seen:
                    problems.append(Problem(path, line, f"id: {id_!r} is used again (first at {seen[id_]})"))
                else:
                    seen[id_] = f"{path}:{line}"
    for problem in problems:
        print(problem)
    print(f"{total} records in {len(args.files)} files: {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def _load_corpus(paths):
    from .data.io import read_jsonl

    files = []
    for path in paths:
        path = Path(path)
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    messages, conversations = [], []
    for path in files:
        for record in read_jsonl(path)[0]:
            (conversations if "messages" in record else messages).append(record)
    return messages, conversations


def _cmd_data_stats(args) -> int:
    from .data.stats import check_floors, corpus_stats, format_stats

    messages, conversations = _load_corpus(args.paths)
    stats = corpus_stats(messages, conversations)
    failures = check_floors(stats)
    if args.json:
        print(json.dumps({**stats, "floors_unmet": failures}, ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats))
        print("\nFloors: " + ("all met" if not failures else "NOT met: " + "; ".join(failures)))
    return 1 if (failures and args.check) else 0


def _cmd_data_split(args) -> int:
    from .data.io import read_jsonl
    from .data.splits import assign_splits

    per_file = {}
    everything = []
    for path in args.files:
        records = read_jsonl(path)[0]
        per_file[path] = records
        everything.extend(records)
    # Read-only context: a new record that nearly duplicates one of these joins its split.
    written = {Path(path).resolve() for path in args.files}
    for path in args.against or []:
        if Path(path).resolve() not in written:
            everything.extend(dict(record) for record in read_jsonl(path)[0])
    assigned = sum(1 for records in per_file.values() for record in records if not record.get("split"))
    assign_splits(everything)
    for path, records in per_file.items():
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                record.pop("_line", None)
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"assigned a split to {assigned} records", file=sys.stderr)
    return 0


def _cmd_train(args) -> int:
    from .train import TrainConfig, train

    config = TrainConfig.from_file(args.config) if args.config else TrainConfig()
    if args.target_precision is not None:
        config.target_precision = args.target_precision
    if args.name:
        config.name = args.name
    metrics = train(
        args.data,
        args.out,
        config=config,
        seed=args.seed,
        text_column=args.column,
        label_columns=args.label_columns.split(",") if args.label_columns else None,
        data_format=args.format,
        predators=args.predators,
        report_data=args.report_data,
        progress=not args.quiet,
        skip_bad=args.skip_bad,
    )
    summary = {k: metrics[k]["macro_f1"] for k in metrics if isinstance(metrics[k], dict) and "macro_f1" in metrics[k]}
    print(json.dumps({"model_version": metrics["model_version"], "macro_f1": summary}, indent=2))
    return 0


def _cmd_eval(args) -> int:
    from .detector import Detector
    from .evaluation_runner import evaluate_file, format_report

    detector = Detector.load(args.model)
    report = evaluate_file(detector, args.data, benign=args.benign, column=args.column, sep=args.sep)
    print(json.dumps(report, ensure_ascii=False) if args.json else format_report(report))
    return 0


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="riskdetect", description="Flag online risks aimed at minors in Dutch chat text.")
    parser.add_argument("--version", action="version", version=f"riskdetect {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    scan = commands.add_parser("scan", help="score messages from a file (JSONL, CSV, TSV, Parquet, text) or - for stdin")
    scan.add_argument("file")
    scan.add_argument("--column", default="text", help="text field or column (default: text)")
    scan.add_argument("--format", default="auto", choices=["auto", "jsonl", "csv", "tsv", "parquet", "text"])
    scan.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    scan.add_argument("--out", default=None, help="write JSON Lines here instead of stdout")
    scan.add_argument("--only-flagged", action="store_true")
    scan.add_argument("--explain", action="store_true", help="include evidence spans")
    scan.add_argument(
        "--threshold",
        action="append",
        help="a number for all labels, LABEL=NUMBER (repeatable), or an operating point of the model (precision_0.90)",
    )
    scan.add_argument("--skip-bad", action="store_true", help="skip and report bad lines instead of stopping")
    scan.add_argument("--redact", action="store_true", help="mask phone numbers, e-mail, IBANs and handles in the output")
    scan.add_argument("--batch-size", type=int, default=512)
    scan.add_argument("--scheduler", default=None, help="Dask scheduler address: score a Parquet/CSV directory on a cluster (needs --out)")
    scan.set_defaults(func=_cmd_scan)

    explain = commands.add_parser("explain", help="evidence for messages or conversations; --html for a report page")
    explain.add_argument("file", help="messages (JSONL, CSV, text) or conversations (JSONL with 'messages')")
    explain.add_argument("--html", default=None, help="write a self-contained HTML page here")
    explain.add_argument("--model", default=None)
    explain.add_argument("--column", default="text")
    explain.add_argument("--threshold", action="append")
    explain.add_argument("--skip-bad", action="store_true")
    explain.set_defaults(func=_cmd_explain)

    serve = commands.add_parser("serve", help="HTTP service (needs the serve extra)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--model", default=None)
    serve.add_argument("--api-key-env", default=None, help="name of an environment variable holding the API key")
    serve.set_defaults(func=_cmd_serve)

    labels = commands.add_parser("labels", help="list the risk labels")
    labels.add_argument("--json", action="store_true")
    labels.set_defaults(func=_cmd_labels)

    evaluate = commands.add_parser("eval", help="evaluate a model on a labelled file (see the evaluation contract)")
    evaluate.add_argument("--data", required=True)
    evaluate.add_argument("--model", default=None)
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--benign", action="store_true", help="the file is unlabelled real text: report flag rates")
    evaluate.add_argument("--column", default=None, help="text column for --benign CSV/TSV files")
    evaluate.add_argument("--sep", default=None, help="column separator for --benign files: one character, or tab")
    evaluate.set_defaults(func=_cmd_eval)

    training = commands.add_parser("train", help="train a model directory from labelled data")
    training.add_argument("--data", nargs="+", required=True)
    training.add_argument("--out", required=True)
    training.add_argument("--config", default=None, help="JSON file of TrainConfig keys")
    training.add_argument("--seed", type=int, default=0)
    training.add_argument("--name", default=None, help="model name (default riskdetect-nl)")
    training.add_argument("--column", default="text")
    training.add_argument("--label-columns", default=None, help="comma-separated 0/1 label columns")
    training.add_argument("--format", default="auto", choices=["auto", "pan12"])
    training.add_argument("--predators", default=None, help="PAN12 predator id list")
    training.add_argument("--target-precision", type=float, default=None)
    training.add_argument("--report-data", nargs="*", default=[], help="extra labelled files to report (never fitted on)")
    training.add_argument("--skip-bad", action="store_true")
    training.add_argument("--quiet", action="store_true")
    training.set_defaults(func=_cmd_train)

    data = commands.add_parser("data", help="corpus tools")
    data_commands = data.add_subparsers(dest="data_command", required=True)
    validate = data_commands.add_parser("validate", help="check corpus files against the schema")
    validate.add_argument("files", nargs="+")
    validate.set_defaults(func=_cmd_data_validate)
    stats = data_commands.add_parser("stats", help="counts per label, split, register and platform")
    stats.add_argument("paths", nargs="+")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--check", action="store_true", help="exit 1 when a corpus floor is not met")
    stats.set_defaults(func=_cmd_data_stats)
    split = data_commands.add_parser("split", help="assign stable splits to records without one (in place)")
    split.add_argument("files", nargs="+", help="files to assign splits in (rewritten in place)")
    split.add_argument(
        "--against", nargs="+", metavar="FILE",
        help="the rest of the corpus, read only: a new record that nearly duplicates one of these takes its split",
    )
    split.set_defaults(func=_cmd_data_split)
    return parser


def main(argv=None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except _Fail as error:
        print(f"riskdetect: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (FileNotFoundError, ValueError) as error:
        print(f"riskdetect: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
