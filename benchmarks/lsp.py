"""How long the language server takes to diagnose a 1,000-key-result document.

Starts ``python -m krquality.lsp`` as an editor would, talks JSON-RPC to it
over stdio, warms it up (model load) on a small document, then times, from
the notification to the published diagnostics of that version:

* ``open``: ``didOpen`` of a Markdown document with N key results
  (N/5 objectives of 5), cycled from the training data;
* ``edit``: one key result changed (``didChange``), debounce set to 0;

each with suggestions on (the default) and off, median of ``--repeat`` runs.

    .venv/bin/python benchmarks/lsp.py [--n 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient

sys.path.insert(0, os.path.dirname(__file__))
from _common import sample_texts


def markdown(texts: list[str]) -> str:
    lines = []
    for i in range(0, len(texts), 5):
        lines.append(f"## Objective {i // 5 + 1}: Delight customers in segment {i // 5 + 1}")
        lines.extend(f"- {text}" for text in texts[i : i + 5])
        lines.append("")
    return "\n".join(lines)


class Bench:
    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.client = BaseLanguageClient("krquality-bench", "1")
        self.published: dict[tuple[str, int | None], float] = {}
        self.counts: dict[tuple[str, int | None], int] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published[(params.uri, params.version)] = time.perf_counter()
            self.counts[(params.uri, params.version)] = len(params.diagnostics)
            self.event.set()

        @self.client.feature(types.WORKSPACE_CONFIGURATION)
        def configuration(params: types.ConfigurationParams) -> list[Any]:
            return [self.settings for _ in params.items]

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            print(f"  server says: {params.message}", file=sys.stderr)

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams) -> None:
            pass

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "krquality.lsp")
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(
                    workspace=types.WorkspaceClientCapabilities(configuration=True)
                ),
                root_uri=Path.cwd().as_uri(),
            )
        )
        self.client.initialized(types.InitializedParams())

    async def wait(self, uri: str, version: int, timeout: float = 600) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.published:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), timeout=max(0.01, deadline - time.perf_counter()))
        return self.published[(uri, version)]

    async def open(self, uri: str, text: str) -> float:
        started = time.perf_counter()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        return await self.wait(uri, 1) - started

    async def change(self, uri: str, text: str, version: int) -> float:
        started = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return await self.wait(uri, version) - started

    async def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def run(n: int, repeat: int, suggestions: bool, disable: list[str]) -> dict[str, float]:
    settings = {
        "suggestions": suggestions,
        "debounceMs": 0,
        "maxKeyResults": max(n, 2000),
        "disable": disable,
    }
    bench = Bench(settings)
    await bench.start()
    warm = time.perf_counter()
    await bench.open(
        "file:///bench/warmup.md", "# Grow\n- Raise NPS from 40 to 48 by Q3\n- Launch the portal\n"
    )
    load = time.perf_counter() - warm
    texts = sample_texts(n)
    opens, edits = [], []
    for r in range(repeat):
        uri = f"file:///bench/okrs-{suggestions}-{r}.md"
        text = markdown(texts)
        opens.append(await bench.open(uri, text))
        edited = text.replace(f"- {texts[n // 2]}", f"- {texts[n // 2]} by Q4", 1)
        edits.append(await bench.change(uri, edited, 2))
        findings = bench.counts[(uri, 2)]
        await bench.close(uri)
    await bench.stop()
    return {
        "first_analysis_with_model_load_s": load,
        "open_s": statistics.median(opens),
        "edit_s": statistics.median(edits),
        "diagnostics": float(findings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--disable", action="append", default=[], help="Checks to disable (repeatable).")
    parser.add_argument("--no-suggestions", action="store_true", help="Only time suggestions off.")
    args = parser.parse_args()
    print(
        f"language server, Markdown document with {args.n} key results ({args.n // 5} objectives), "
        f"median of {args.repeat}, {os.cpu_count()} CPUs, disabled: {args.disable or 'none'}"
    )
    for suggestions in (False,) if args.no_suggestions else (True, False):
        result = asyncio.run(run(args.n, args.repeat, suggestions, args.disable))
        mode = "on " if suggestions else "off"
        print(
            f"  suggestions {mode}: open -> diagnostics {result['open_s']:6.2f} s, "
            f"one edit -> diagnostics {result['edit_s']:6.2f} s "
            f"({int(result['diagnostics'])} diagnostics; start, model load and a first tiny document "
            f"{result['first_analysis_with_model_load_s']:.1f} s)"
        )


if __name__ == "__main__":
    main()
