"""The analyst's commands: list and show claims, correct claims and entities (merge, split,
"not the same"), list the corrections and the labelled pairs they make.

Every correction is stored with who, when and why, and the story stages run again at once,
replaying every correction, so the next command shows the story as corrected.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsdesk.cli.common import DEFAULT_DB, db_option, open_db, require_db
from newsdesk.corpus.corrections import (
    CorrectionError,
    UnknownTarget,
    correction_status,
    distinct_claims,
    labelled_pairs,
    mentions_written,
    merge_claims,
    merge_entities,
    now_utc,
    split_claim,
    split_entity,
    withdraw,
)
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.model import Claim, Correction, Entity, statement_key
from newsdesk.settings import Settings
from newsdesk.store import Store
from newsdesk.story.corrections import correction_records

Build = Callable[[list[Claim], list[Entity], str], Correction]


def _inherited_db(ctx: click.Context, _: click.Parameter, value: str | None) -> str:
    """A subcommand's database: its own --db, else the one given before it to its group
    (``newsdesk claims --db story.db merge ...``), else the default."""
    if value is not None:
        return value
    given = ctx.parent.params.get("db") if ctx.parent is not None else None
    return str(given or DEFAULT_DB)


sub_db_option = click.option(
    "--db",
    "db",
    default=None,
    callback=_inherited_db,
    type=click.Path(dir_okay=False),
    help=f"SQLite database file (default: the --db given before the command, else {DEFAULT_DB}).",
)


def _who_default() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _correction_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option("--why", required=True, help="Why: what the analyst read (kept with the correction).")(
        command
    )
    command = click.option(
        "--who",
        envvar="NEWSDESK_ANALYST",
        show_envvar=True,
        default=_who_default,
        show_default="your login name",
        help="Who makes the correction.",
    )(command)
    return sub_db_option(command)


def _correct(db: str, build: Build) -> None:
    """Make, store and replay one correction, then say where it stands."""
    require_db(db)
    err = Console(stderr=True, highlight=False)
    with open_db(db) as store:
        try:
            correction = build(store.claims(), store.entities(), now_utc())
        except UnknownTarget as error:
            raise click.ClickException(str(error)) from None
        except CorrectionError as error:
            raise click.UsageError(str(error)) from None
        if not store.add_correction(correction):
            err.print(f"correction {correction.id} was already stored")
        with err.status("recomputing the story (entities, timeline, claims)"):
            run_corpus_stages(store, Settings())
        status = correction_status(correction, store.claims(), store.entities())
    err.print(
        f"stored correction {correction.id} ({correction.action.value}): {status.state.value}; "
        f"its statements or mentions are now in {', '.join(status.now) or 'nothing'}"
    )


def _print_claims(claims: list[Claim], names: dict[str, str]) -> None:
    table = Table("claim", "kind", "sources", "articles", "held by", "text")
    for claim in claims:
        table.add_row(
            claim.id,
            claim.kind.value,
            str(len(claim.sources)),
            str(len(claim.documents)),
            escape(", ".join(names.get(holder, holder) for holder in claim.holders[:3])),
            escape(claim.text[:200]),
        )
    Console().print(table)


def register(main: click.Group, entities: click.Group) -> None:
    """Add the commands to ``main`` and to its ``entities`` group."""

    @main.group(invoke_without_command=True)
    @db_option
    @click.option("--min-sources", default=1, show_default=True, type=click.IntRange(1, 100000))
    @click.option("--contested", is_flag=True, help="Only claims something contradicts.")
    @click.option(
        "--kind",
        type=click.Choice(["fact", "view"]),
        help="fact: what outlets report (independent sources count); view: what somebody holds (with who).",
    )
    @click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
    @click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON (the export's claims section).")
    @click.option(
        "--story", metavar="ID", help="One story of a mixed pile: the claims found among its own articles alone."
    )
    @click.pass_context
    def claims(
        ctx: click.Context,
        db: str,
        min_sources: int,
        contested: bool,
        kind: str | None,
        limit: int,
        as_json: bool,
        story: str | None,
    ) -> None:
        """List the story's claims: reported facts, best corroborated first, then views with who
        holds them (with --min-sources 2: those carried by two independent sources or more); or
        show one, or correct them (merge, split, distinct: see each command's --help)."""
        if ctx.invoked_subcommand is not None:
            return
        require_db(db)
        with open_db(db) as store:
            if story is None:
                every, entities, documents = store.claims(), store.entities(), None
            else:
                from newsdesk.story.one import UnknownStory, story_tables

                try:
                    _, tables = story_tables(store, story)
                except UnknownStory as error:
                    raise click.ClickException(str(error)) from None
                every, entities = tables.claims or [], tables.entities or []
                documents = {d.id: d for d in tables.documents}
            found = [
                c
                for c in every
                if len(c.sources) >= min_sources and (c.conflicts or not contested) and kind in (None, c.kind.value)
            ]
            found.sort(key=lambda c: (c.kind.value != "fact", -len(c.sources), -len(c.documents)))
            found = found[:limit]
            names = {e.id: e.name for e in entities}
            if as_json:
                from newsdesk.report.claims import claim_records

                documents = documents or {d.id: d for d in store.documents()}
                click.echo(json.dumps(claim_records(found, documents, names), ensure_ascii=False, indent=2))
                return
        _print_claims(found, names)
        if not found:
            click.echo("no claims (ingest with NLP first, or lower --min-sources)", err=True)

    @claims.command("show")
    @click.argument("claim_id")
    @sub_db_option
    def show_claim(claim_id: str, db: str) -> None:
        """Show a claim's statements with their keys (DOCID:START, what `claims split --statement` takes)."""
        require_db(db)
        with open_db(db) as store:
            claim = next((c for c in store.claims() if c.id == claim_id), None)
            labels = {d.id: d.outlet.value if d.outlet else d.source for d in store.documents()}
            touching = [r for r in _records(store) if claim_id in r["now"] and r["action"].startswith("claims")]
        if claim is None:
            raise click.ClickException(f"no claim with id {claim_id!r} (claim ids change when the story is recomputed)")
        console = Console(highlight=False)
        console.print(
            f"[bold]{claim.id}[/bold]: {len(claim.sources)} independent sources, {len(claim.documents)} articles"
        )
        for s in claim.statements:
            speaker = f" ({escape(s.speaker)})" if s.speaker else ""
            console.print(f"  {statement_key(s.doc, s.span.start)}  {escape(labels.get(s.doc, s.doc))}{speaker}")
            console.print(f"      {escape(' '.join(s.text.split()))}")
        for r in touching:
            console.print(
                f"  correction {r['id']} ({r['action']}, {r['status']}) by {escape(r['who'])}, {r['when']}:"
                f" {escape(r['why'])}"
            )

    @claims.command("merge")
    @click.argument("claim_ids", nargs=-1, required=True)
    @_correction_options
    def merge_claims_command(claim_ids: tuple[str, ...], db: str, who: str, why: str) -> None:
        """These claims are one claim (two or more claim ids). Stored, and replayed by every rebuild."""
        _correct(db, lambda claims, _, when: merge_claims(claims, claim_ids, who, why, when))

    @claims.command("split")
    @click.argument("claim_id")
    @click.option(
        "--statement", "statements", multiple=True, required=True, help="Key (DOCID:START) of a statement to move out."
    )
    @_correction_options
    def split_claim_command(claim_id: str, statements: tuple[str, ...], db: str, who: str, why: str) -> None:
        """The statements given are not the same claim as the claim's other statements (keys from
        `newsdesk claims show CLAIM_ID`). Stored, and replayed by every rebuild."""
        _correct(db, lambda claims, _, when: split_claim(claims, claim_id, statements, who, why, when))

    @claims.command("distinct")
    @click.argument("first")
    @click.argument("second")
    @_correction_options
    def distinct_claims_command(first: str, second: str, db: str, who: str, why: str) -> None:
        """These two claims are not the same: their statements are never grouped together again."""
        _correct(db, lambda claims, _, when: distinct_claims(claims, [first, second], who, why, when))

    @claims.command("corrections")
    @sub_db_option
    @click.option("--json", "as_json", is_flag=True, help="Print them as JSON (the export's corrections section).")
    def claims_corrections(db: str, as_json: bool) -> None:
        """The analysts' corrections (the same as `newsdesk corrections list`)."""
        _list_corrections(db, as_json)

    @entities.command("show")
    @click.argument("entity_id")
    @sub_db_option
    def show_entity(entity_id: str, db: str) -> None:
        """Show an entity's mentions with their keys (DOCID:START, what `entities split --mention` takes)."""
        require_db(db)
        with open_db(db) as store:
            entity = next((e for e in store.entities() if e.id == entity_id), None)
        if entity is None:
            raise click.ClickException(f"no entity with id {entity_id!r}")
        console = Console(highlight=False)
        console.print(f"[bold]{escape(entity.name)}[/bold] {entity.id} {entity.type}: {len(entity.mentions)} mentions")
        for m in entity.mentions:
            console.print(f"  {statement_key(m.doc, m.span.start)}  {escape(m.text)}")

    @entities.command("merge")
    @click.argument("entity_ids", nargs=-1, required=True)
    @_correction_options
    def merge_entities_command(entity_ids: tuple[str, ...], db: str, who: str, why: str) -> None:
        """These entities are one (two or more entity ids). Stored, and replayed by every rebuild."""
        _correct(db, lambda _, entities, when: merge_entities(entities, entity_ids, who, why, when))

    @entities.command("split")
    @click.argument("entity_id")
    @click.option("--mention", "mentions", multiple=True, help="Key (DOCID:START) of a mention to move out.")
    @click.option("--alias", "aliases", multiple=True, help="Move out every mention written so (e.g. 'Jordan').")
    @_correction_options
    def split_entity_command(
        entity_id: str, mentions: tuple[str, ...], aliases: tuple[str, ...], db: str, who: str, why: str
    ) -> None:
        """The mentions given (by key, from `newsdesk entities show ID`, or by how they are written)
        are an entity of their own. Stored, and replayed by every rebuild."""
        if not mentions and not aliases:
            raise click.UsageError("name the mentions to move out: --mention KEY or --alias TEXT")

        def build(_: list[Claim], entities: list[Entity], when: str) -> Correction:
            keys = list(mentions)
            entity = next((e for e in entities if e.id == entity_id), None)
            for alias in aliases:
                found = mentions_written(entity, alias) if entity else []
                if entity and not found:
                    raise click.UsageError(f"entity {entity_id} has no mention written {alias!r}")
                keys += found
            return split_entity(entities, entity_id, keys, who, why, when)

        _correct(db, build)

    @main.group()
    def corrections() -> None:
        """The analysts' corrections of claims and entities: list them, or export their judgements
        as labelled statement pairs."""

    @corrections.command("list")
    @sub_db_option
    @click.option("--json", "as_json", is_flag=True, help="Print them as JSON (the export's corrections section).")
    def list_corrections(db: str, as_json: bool) -> None:
        """Every correction in the order made: what, who, when, why, and whether the story as now
        computed shows it ("in effect"), does not ("not in effect": a later correction undid it),
        no longer holds what it names ("not applicable"), or it was withdrawn ("withdrawn")."""
        _list_corrections(db, as_json)

    @corrections.command("withdraw")
    @click.argument("correction_id")
    @_correction_options
    def withdraw_command(correction_id: str, db: str, who: str, why: str) -> None:
        """Withdraw a correction: it stays on record (with who withdrew it, when and why) and is no
        longer replayed; the story is recomputed at once."""
        require_db(db)
        err = Console(stderr=True, highlight=False)
        with open_db(db) as store:
            try:
                withdrawal = withdraw(store.corrections(), correction_id, who, why, now_utc())
            except UnknownTarget as error:
                raise click.ClickException(str(error)) from None
            except CorrectionError as error:
                raise click.UsageError(str(error)) from None
            store.withdraw_correction(correction_id, withdrawal)
            with err.status("recomputing the story (entities, timeline, claims)"):
                run_corpus_stages(store, Settings())
        err.print(f"withdrew correction {correction_id}")

    @corrections.command("pairs")
    @sub_db_option
    def pairs(db: str) -> None:
        """The judgements as labelled statement pairs, one JSON object a line ({"a", "b", "same",
        "correction", "a_text", "b_text"}), for evaluating the claim verifier. A key whose
        statement is gone has a null text."""
        require_db(db)
        with open_db(db) as store:
            texts = {statement_key(s.doc, s.span.start): s.text for c in store.claims() for s in c.statements}
            judged = labelled_pairs(store.corrections())
        for pair in judged:
            record = {**asdict(pair), "a_text": texts.get(pair.a), "b_text": texts.get(pair.b)}
            click.echo(json.dumps(record, ensure_ascii=False))


def _list_corrections(db: str, as_json: bool) -> None:
    require_db(db)
    with open_db(db) as store:
        records = _records(store)
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    for r in records:
        console.print(
            f"[bold]{r['id']}[/bold]  {r['action']}  {r['status']} ({r['keys_found']} of {r['keys']} keys found)"
            f"  {r['when']}  {escape(r['who'])}"
        )
        console.print(f"    on {', '.join(r['targets'])}; now in {', '.join(r['now']) or 'nothing'}")
        console.print(f"    why: {escape(r['why'])}")
        if r["withdrawn"]:
            gone = r["withdrawn"]
            console.print(f"    withdrawn {gone['when']} by {escape(gone['who'])}: {escape(gone['why'])}")
    if not records:
        click.echo("no corrections", err=True)


def _records(store: Store) -> list[dict[str, Any]]:
    return correction_records(store.corrections(), store.claims(), store.entities())
