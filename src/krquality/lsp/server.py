"""The pygls language server: it reads documents, calls krquality, and formats what comes back.

Each handler is short: :mod:`krquality.lsp.analysis` reads a document and
calls the analyzer (in-process, the model loaded once, or a remote service),
:mod:`krquality.lsp.convert` turns results into LSP types.

Analyses run one at a time on a worker thread, so the server keeps reading
messages while spaCy works. An edit cancels the analysis scheduled for that
document and schedules a new one ``debounceMs`` later: a burst of edits costs
one analysis, and results for an outdated version are never published.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote

from lsprotocol import types
from pygls.io_ import StdinAsyncReader, StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from krquality import __version__
from krquality.config import Config, load_config
from krquality.errors import ConfigError, KRQualityError
from krquality.lsp import convert
from krquality.lsp.analysis import (
    Backend,
    DocumentAnalysis,
    DocumentKind,
    InProcessBackend,
    analyze_document,
    document_kind,
    looks_like_okr_yaml,
)
from krquality.lsp.remote import RemoteBackend, RemoteServiceError
from krquality.lsp.settings import SECTION, LspSettings, effective_config, is_plain_text, settings_from_client
from krquality.lsp.tomledit import TomlEditError, disable_in_workspace
from krquality.lsp.transport import serve_frames

logger = logging.getLogger(__name__)

CONFIG_FILES = ("krquality.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Analysed:
    """The last published analysis of a document, for hovers and code actions."""

    version: int | None
    text: str
    analysis: DocumentAnalysis


class KRQualityProtocol(LanguageServerProtocol):
    """pygls' protocol, but a change to a document that was never opened is ignored quietly.

    pygls applies the change to its copy of the document first, and for an
    unknown document that raised KeyError, shown to the user as an error.
    """

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if unquote(params.text_document.uri) not in self.workspace.text_documents:
            logger.info("ignored a change to %s, which is not open", params.text_document.uri)
            return
        yield from super().lsp_text_document__did_change(params)


class KRQualityServer(LanguageServer):
    """The server state: settings, backends, per-document analyses and pending jobs."""

    def __init__(self, *, backend: Backend | None = None) -> None:
        super().__init__(
            "krquality",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=KRQualityProtocol,
        )
        self.settings = LspSettings()
        self.inprocess: Backend = backend if backend is not None else InProcessBackend()
        self.remote: RemoteBackend | None = None
        self.analysed: dict[str, Analysed] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.configs: dict[str, Config] = {}
        self.settings_ready = asyncio.Event()
        self._said: set[str] = set()
        self.pending_warnings: list[str] = []
        self.background: set[asyncio.Future[Any]] = set()
        # One worker: the pipeline is shared, and analyses are CPU-bound anyway.
        self.analysis_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="krq-analysis")

    # ------------------------------------------------------------------ transport

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """Serve over stdin/stdout with :mod:`krquality.lsp.transport`'s frame reader."""
        self._stop_event = threading.Event()
        reader = StdinAsyncReader(stdin or sys.stdin.buffer, self.thread_pool)
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(serve_frames(self._stop_event, reader, self.protocol))
        except BrokenPipeError:
            logger.error("the connection to the client is lost; stopping")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]  # pygls leaves it unannotated

    # ------------------------------------------------------------------ messages

    def say(
        self, message: str, kind: types.MessageType = types.MessageType.Warning, *, once: bool = True
    ) -> None:
        """Show ``message`` to the user (once per settings change when ``once``)."""
        if once:
            if message in self._said:
                return
            self._said.add(message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"krquality: {message}"))

    def log(self, message: str) -> None:
        """Write ``message`` to the client's log (output channel)."""
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Log, message=message))

    # ------------------------------------------------------------------ settings and configuration

    def apply_settings(self, data: object) -> None:
        """Take the ``krquality`` settings the client sent, then re-analyse open documents."""
        settings, warnings = settings_from_client(data)
        if (
            settings.remote_url != self.settings.remote_url
            or settings.remote_timeout != self.settings.remote_timeout
        ):
            if self.remote is not None:
                self.remote.close()
            self.remote = (
                RemoteBackend(
                    settings.remote_url, timeout=settings.remote_timeout, api_key=settings.remote_api_key
                )
                if settings.remote_url
                else None
            )
        self.settings = settings
        self._said.clear()
        for warning in warnings:
            self.say(warning)
        self.settings_ready.set()
        self.reanalyse_all()

    async def pull_settings(self) -> None:
        """Ask the client for the ``krquality`` section (``workspace/configuration``)."""
        capabilities = self.client_capabilities.workspace
        if capabilities is None or not capabilities.configuration:
            self.settings_ready.set()
            return
        try:
            values = await asyncio.wait_for(
                self.workspace_configuration_async(
                    types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
                ),
                timeout=5,
            )
        except Exception as e:  # a client that fails the request keeps the current settings
            self.log(f"workspace/configuration failed: {e}")
            self.settings_ready.set()
            return
        self.apply_settings(values[0] if values else None)

    def config_for(self, path: str | None) -> Config:
        """The krquality.toml / pyproject.toml configuration for a document, plus the editor's settings."""
        folder = str(Path(path).parent) if path else (self.workspace.root_path or "")
        base = self.configs.get(folder)
        if base is None:
            try:
                base = load_config(start=folder) if folder else Config()
            except ConfigError as e:
                self.say(str(e), types.MessageType.Error)
                base = Config()
            self.configs[folder] = base
        try:
            return effective_config(base, self.settings)
        except ConfigError as e:
            self.say(str(e), types.MessageType.Error)
            return base

    def configuration_changed(self) -> None:
        """Forget the configuration files read, then re-analyse every open document."""
        self.configs.clear()
        self._said.clear()
        self.reanalyse_all()

    # ------------------------------------------------------------------ analysis

    def reanalyse_all(self) -> None:
        """Schedule an analysis of every open document."""
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, delay=0.0)

    def schedule(self, uri: str, *, delay: float) -> None:
        """Analyse ``uri`` after ``delay`` seconds, replacing any analysis scheduled before."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._analyse(uri, delay))

    def _backend_job(
        self,
        text: str,
        kind: DocumentKind,
        path: str,
        version: int | None,
        config: Config,
        settings: LspSettings,
    ) -> tuple[DocumentAnalysis, list[tuple[types.MessageType, str]]]:
        """Run on the worker thread: analyse, falling back to in-process when the service fails."""
        started = time.perf_counter()
        analysis, messages = self._analyse_with_fallback(text, kind, path, config, settings)
        elapsed = (time.perf_counter() - started) * 1000
        timing = (
            f"analysed {path} v{version}: {len(analysis.key_results)} key results, "
            f"{len(analysis.diagnostics) + len(analysis.notes)} findings in {elapsed:.0f} ms"
        )
        return analysis, [(types.MessageType.Log, timing), *messages]

    def _analyse_with_fallback(
        self, text: str, kind: DocumentKind, path: str, config: Config, settings: LspSettings
    ) -> tuple[DocumentAnalysis, list[tuple[types.MessageType, str]]]:
        messages: list[tuple[types.MessageType, str]] = []

        def run(backend: Backend, *, suggestions: bool = settings.suggestions) -> DocumentAnalysis:
            return analyze_document(
                text,
                kind=kind,
                path=path,
                config=config,
                backend=backend,
                suggestions=suggestions,
                max_key_results=settings.max_key_results,
            )

        remote = self.remote
        if remote is not None:
            try:
                return run(remote), messages
            except RemoteServiceError as e:
                messages.append(
                    (
                        types.MessageType.Warning,
                        f"the krquality service is unavailable ({e}); analysing in-process",
                    )
                )
        try:
            return run(self.inprocess), messages
        except KRQualityError as e:
            messages.append((types.MessageType.Error, f"cannot analyse: {e}"))
            return DocumentAnalysis(), messages
        except Exception as e:
            if not settings.suggestions:
                raise
            # A failure in the optional rewrite step must not cost the diagnostics.
            messages.append((types.MessageType.Log, "".join(traceback.format_exception(e))))
            messages.append(
                (types.MessageType.Error, f"rewrite suggestions failed ({e!r}); showing findings only")
            )
            return run(self.inprocess, suggestions=False), messages

    async def _analyse(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.settings_ready.wait(), timeout=5)
            await self._analyse_now(uri)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # a bug must cost one document's diagnostics, never the server
            self.log("".join(traceback.format_exception(e)))
            self.say(f"internal error while analysing {uri}: {e}", types.MessageType.Error)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def _analyse_now(self, uri: str) -> None:
        if uri not in self.workspace.text_documents:
            return
        document = self.workspace.get_text_document(uri)
        version, text, path = document.version, document.source, document.path
        kind = document_kind(path, document.language_id, plain_text=is_plain_text(path, self.settings))
        if kind is None or (kind is DocumentKind.YAML and not looks_like_okr_yaml(text)):
            self.publish(uri, version, text, DocumentAnalysis())
            return
        config = self.config_for(to_fs_path(uri))
        job = functools.partial(self._backend_job, text, kind, path, version, config, self.settings)
        analysis, messages = await asyncio.get_running_loop().run_in_executor(self.analysis_pool, job)
        current = self.workspace.text_documents.get(uri)
        for kind_of_message, message in messages:
            if kind_of_message is not types.MessageType.Log:
                self.say(message, kind_of_message)
            elif current is not None and current.version == version:
                self.log(message)
        if current is None or current.version != version:
            return  # edited (or closed) meanwhile: a newer analysis is scheduled
        self.publish(uri, version, text, analysis)

    def publish(self, uri: str, version: int | None, text: str, analysis: DocumentAnalysis) -> None:
        """Remember ``analysis`` for hovers and code actions, and publish its diagnostics."""
        self.analysed[uri] = Analysed(version, text, analysis)
        index = convert.LineIndex(text, encoding=self.encoding)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=convert.to_diagnostics(analysis, index)
            )
        )

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        return convert.enum_value(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def current(self, uri: str) -> tuple[Analysed, convert.LineIndex] | None:
        """The analysis of ``uri`` if it is of the document's current version."""
        analysed = self.analysed.get(uri)
        document = self.workspace.text_documents.get(uri)
        if analysed is None or document is None or document.version != analysed.version:
            return None
        return analysed, convert.LineIndex(analysed.text, encoding=self.encoding)

    # ------------------------------------------------------------------ disable a check

    def disable_check(self, code: str, uri: str) -> str | None:
        """Add ``code`` to ``disable`` in the configuration for ``uri``; return the file written."""
        path = to_fs_path(uri)
        start = Path(path).parent if path else None
        root = self.root_for(path)
        if root is None or start is None:
            self.say("cannot disable a check for a document that is not in a folder", types.MessageType.Error)
            return None
        try:
            written = disable_in_workspace(code, start=start, root=root)
        except TomlEditError as e:
            self.say(str(e), types.MessageType.Error, once=False)
            return None
        self.say(f"disabled {code} in {written}", types.MessageType.Info, once=False)
        self.configuration_changed()
        return str(written)

    def root_for(self, path: str | None) -> Path | None:
        """The workspace folder that holds ``path`` (the deepest), else its own folder."""
        if path is None:
            return None
        file = Path(path)
        folders = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if self.workspace.root_path:
            folders.append(self.workspace.root_path)
        holding = [Path(f) for f in folders if f and file.is_relative_to(f)]
        if holding:
            return max(holding, key=lambda p: len(p.parts))
        return file.parent


def create_server(*, backend: Backend | None = None) -> KRQualityServer:
    """Build the language server with its handlers registered.

    ``backend`` replaces the in-process analyzer (tests pass a stub).

    >>> create_server().name
    'krquality'
    """
    server = KRQualityServer(backend=backend)

    @server.feature(types.INITIALIZE)
    def initialize(ls: KRQualityServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get(SECTION), dict):
            options = options[SECTION]
        if isinstance(options, dict) and options:
            ls.settings, warnings = settings_from_client(options)
            if ls.settings.remote_url:
                ls.remote = RemoteBackend(
                    ls.settings.remote_url,
                    timeout=ls.settings.remote_timeout,
                    api_key=ls.settings.remote_api_key,
                )
            ls.pending_warnings = warnings  # shown once the client is initialized

    @server.feature(types.INITIALIZED)
    async def initialized(ls: KRQualityServer, params: types.InitializedParams) -> None:
        for warning in ls.pending_warnings:
            ls.say(warning)
        # Registration is optional and some clients never answer it: do not wait for it.
        ls.background.add(asyncio.get_running_loop().create_task(_register_watchers(ls)))
        if not ls.settings.remote_url:
            # Load spaCy and the model now, on the analysis thread, so the first diagnostics come sooner.
            ls.background.add(asyncio.get_running_loop().run_in_executor(ls.analysis_pool, _preload, ls))
        await ls.pull_settings()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: KRQualityServer, params: types.DidChangeConfigurationParams
    ) -> None:
        settings = params.settings
        if isinstance(settings, dict) and SECTION in settings:
            ls.apply_settings(settings[SECTION])
        else:
            await ls.pull_settings()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: KRQualityServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(CONFIG_FILES) for change in params.changes):
            ls.configuration_changed()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: KRQualityServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: KRQualityServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=ls.settings.debounce_ms / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: KRQualityServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri.endswith(CONFIG_FILES):
            ls.configuration_changed()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: KRQualityServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.analysed.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: KRQualityServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.current(params.text_document.uri)
        if found is None:
            return None
        analysed, index = found
        view = analysed.analysis.key_result_at(index.offset(params.position))
        return None if view is None else convert.to_hover(view, index)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]
        ),
    )
    def code_action(ls: KRQualityServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        found = ls.current(params.text_document.uri)
        if found is None:
            return None
        analysed, index = found
        only = [convert.enum_value(kind) for kind in params.context.only] if params.context.only else None
        return convert.code_actions(
            analysed.analysis,
            index,
            params.range,
            uri=params.text_document.uri,
            version=analysed.version,
            only=only,
        )

    @server.command(convert.DISABLE_COMMAND)
    def disable_check(ls: KRQualityServer, code: str, uri: str) -> str | None:
        return ls.disable_check(code, uri)

    @server.command(convert.LABEL_COMMAND)
    def correct_label(ls: KRQualityServer, *arguments: Any) -> str | None:
        return record_correction(ls, *arguments)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: KRQualityServer, params: Any) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.analysis_pool.shutdown(wait=False, cancel_futures=True)
        if ls.remote is not None:
            ls.remote.close()

    return server


def record_correction(
    ls: KRQualityServer,
    text: str,
    label: str,
    model_label: str | None = None,
    probabilities: dict[str, float] | None = None,
    model_version: str | None = None,
    uri: str | None = None,
) -> str | None:
    """Record a correction with the configured service, else in the local store; then show
    every open document again (its key result now answered with the corrected label)."""
    from krquality import get_analyzer
    from krquality.feedback import CorrectedLabel, NewCorrection, Source
    from krquality.feedback.record import local_user, record_locally

    try:
        if ls.remote is not None:
            ls.remote.post_feedback(
                {
                    "text": text,
                    "label": label,
                    "model_label": model_label,
                    "model_probabilities": probabilities,
                    "model_version": model_version,
                    "user": local_user(),
                    "source": "editor",
                }
            )
            where = ls.remote.url
        else:
            correction = NewCorrection(
                text=text,
                label=CorrectedLabel(label),
                user=local_user(),
                source=Source.EDITOR,
                model_label=model_label,
                model_probabilities=probabilities,
                model_version=model_version,
            )
            record_locally(correction, index=get_analyzer().corrections)
            where = "the local corrections store"
    except (KRQualityError, ValueError) as e:
        ls.say(f"the correction was not recorded: {e}", types.MessageType.Error, once=False)
        return None
    what = "not a key result" if label == "not_kr" else f"a {label}"
    ls.say(f"recorded in {where}: this is {what}", types.MessageType.Info, once=False)
    ls.reanalyse_all()
    return label


def _preload(ls: KRQualityServer) -> None:
    try:
        ls.inprocess.preload()
    except Exception as e:  # reported when a document is analysed
        logger.warning("model not loaded: %s", e)


async def _register_watchers(ls: KRQualityServer) -> None:
    """Ask a client that supports it to tell us about configuration changes."""
    workspace = ls.client_capabilities.workspace
    registrations = []
    if workspace is not None:
        if workspace.did_change_configuration and workspace.did_change_configuration.dynamic_registration:
            registrations.append(
                types.Registration(
                    id="krquality-configuration", method=types.WORKSPACE_DID_CHANGE_CONFIGURATION
                )
            )
        if workspace.did_change_watched_files and workspace.did_change_watched_files.dynamic_registration:
            registrations.append(
                types.Registration(
                    id="krquality-config-files",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
                    ),
                )
            )
    if registrations:
        try:
            await asyncio.wait_for(
                ls.client_register_capability_async(types.RegistrationParams(registrations=registrations)),
                timeout=5,
            )
        except Exception as e:  # optional: without it, the client pushes or we are told on save
            ls.log(f"client/registerCapability failed: {e}")


def serve_stdio() -> None:
    """Run the server over stdin/stdout until the client sends ``exit``."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    create_server().start_io()
