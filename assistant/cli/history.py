"""`realtime-assistant history`: the stored conversations on the command line.

    history list                       newest first: id, date, cost, title
    history show ID                    the whole conversation, one line per item
    history export ID --format md|json|log [--output FILE]
    history search TEXT                items containing every word, with a snippet
    history import FILE [--replace]    a JSON export, back under its own id
    history rename ID TITLE / history delete ID

IDs may be shortened to any unique prefix (`list` shows eight characters). Output is plain
text for reading and piping; failures are one sentence on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.cli.runtime import EXIT_OK, EXIT_USAGE
from assistant.realtime import Item
from assistant.store import (
    ConversationRecord,
    ConversationSummary,
    HistoryStore,
    SessionMarker,
    StoreError,
    dumps,
    export_event_log,
    loads,
    to_markdown,
    write_markdown,
)
from assistant.store.transcript import describe, picture_text

SHORT_ID = 8


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("history", help="list, show, search and export conversations")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="stored conversations, newest first")
    listing.add_argument("--limit", type=int, default=None, help="show at most N")
    listing.set_defaults(run=run, handler=_list)
    show = actions.add_parser("show", help="print a conversation")
    show.add_argument("id")
    show.set_defaults(run=run, handler=_show)
    export = actions.add_parser("export", help="write a conversation as Markdown or JSON")
    export.add_argument("id")
    export.add_argument(
        "--format",
        choices=("md", "json", "log"),
        default="md",
        help="md (to read), json (to import again), log (session event log)",
    )
    export.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    export.set_defaults(run=run, handler=_export)
    search = actions.add_parser("search", help="full-text search of every conversation")
    search.add_argument("text", nargs="+")
    search.add_argument("--limit", type=int, default=50)
    search.set_defaults(run=run, handler=_search)
    importing = actions.add_parser("import", help="add a conversation from a JSON export")
    importing.add_argument("file")
    importing.add_argument("--replace", action="store_true", help="overwrite the same id")
    importing.set_defaults(run=run, handler=_import)
    rename = actions.add_parser("rename", help="give a conversation a title")
    rename.add_argument("id")
    rename.add_argument("title")
    rename.set_defaults(run=run, handler=_rename)
    delete = actions.add_parser("delete", help="delete a conversation for good")
    delete.add_argument("id")
    delete.set_defaults(run=run, handler=_delete)


def run(args: argparse.Namespace) -> int:
    try:
        with HistoryStore.open() as store:
            return int(args.handler(store, args))
    except BrokenPipeError:
        raise  # the reader went away: the entry point stops quietly
    except (StoreError, OSError) as exc:
        sys.stderr.write(f"realtime-assistant: {_sentence(exc)}\n")
        return EXIT_USAGE


def _sentence(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename or 'file'}: {exc.strerror}"
    return str(exc)


def _list(store: HistoryStore, args: argparse.Namespace) -> int:
    for summary in store.list_conversations(args.limit):
        print(
            f"{summary.id[:SHORT_ID]}  {_when(summary.updated_at)}  {_cost(summary):>9}  "
            f"{summary.title}"
        )
    return EXIT_OK


def _show(store: HistoryStore, args: argparse.Namespace) -> int:
    record = store.load(store.resolve(args.id))
    head = record.summary
    print(head.title)
    print(
        f"{head.id} · {_when(head.created_at)} · {head.model or 'unknown model'} · "
        f"{head.total_tokens} tokens · {_cost(head)}"
    )
    for line in transcript_lines(record):
        print(line)
    return EXIT_OK


def transcript_lines(record: ConversationRecord) -> list[str]:
    """One line per item, with the session markers where they happened."""
    return [
        _marker_line(entry) if isinstance(entry, SessionMarker) else item_line(entry.item)
        for entry in record.in_order()
    ]


def _marker_line(marker: SessionMarker) -> str:
    return f"--- {marker.kind.replace('_', ' ')}{': ' + marker.detail if marker.detail else ''}"


def item_line(item: Item) -> str:
    """One item as a transcript line (`history show`, `inspect`)."""
    line = describe(item)
    mark = ""
    if line.heard_s is not None:
        mark = f"  [interrupted at {line.heard_s:.1f} s]"
    elif line.cut_off:
        mark = "  [cut off by a dropped connection]"
    shown = "".join(f"  [{picture_text(p)}]" for p in line.pictures)
    return f"{line.label}: {line.text}{shown}{mark}"


def _export(store: HistoryStore, args: argparse.Namespace) -> int:
    cid = store.resolve(args.id)
    if args.format == "log":
        return _export_log(store, cid, args.output)
    if args.format == "md" and args.output:  # with the pictures copied beside it
        write_markdown(store, cid, Path(args.output))
        return EXIT_OK
    record = store.load(cid)
    text = dumps(record) if args.format == "json" else to_markdown(record)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _export_log(store: HistoryStore, cid: str, output: str | None) -> int:
    source = store.event_log_path(cid)
    if not source.is_file():
        raise StoreError(f"no session event log was kept for conversation {cid[:SHORT_ID]}")
    if output is None:
        raise StoreError("give --output FILE for the event log")
    count = export_event_log(source, Path(output))
    sys.stderr.write(f"{count} events written to {output} (audio elided, no secrets)\n")
    return EXIT_OK


def _search(store: HistoryStore, args: argparse.Namespace) -> int:
    for hit in store.search(" ".join(args.text), args.limit):
        print(
            f"{hit.conversation_id[:SHORT_ID]}  {_when(hit.created_at)}  "
            f"{hit.role or 'item'}: {hit.snippet}  ({hit.conversation_title})"
        )
    return EXIT_OK


def _import(store: HistoryStore, args: argparse.Namespace) -> int:
    record = loads(Path(args.file).read_text(encoding="utf-8"))
    store.insert_record(record, replace=args.replace)
    print(f"imported {record.id[:SHORT_ID]}  {store.summary(record.id).title}")
    return EXIT_OK


def _rename(store: HistoryStore, args: argparse.Namespace) -> int:
    store.rename(store.resolve(args.id), args.title)
    return EXIT_OK


def _delete(store: HistoryStore, args: argparse.Namespace) -> int:
    cid = store.resolve(args.id)
    store.delete(cid)
    print(f"deleted {cid[:SHORT_ID]}")
    return EXIT_OK


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).astimezone().strftime("%Y-%m-%d %H:%M")


def _cost(summary: ConversationSummary) -> str:
    if not summary.total_tokens:
        return "-"
    return f"${summary.cost_usd:.4f}" + ("" if summary.cost_complete else "+")
