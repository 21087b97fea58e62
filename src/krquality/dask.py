# pyarrow, openpyxl and dask are only partly annotated; their calls are checked by the tests.
# mypy: disable-error-code="no-untyped-call"
"""krquality on a Dask cluster: the same classification, beyond one machine.

Two ways in (``pip install 'krquality[batch]'``; see ``docs/batch.md``):

- :func:`classify_dataframe` adds the result columns to a Dask DataFrame,
  one partition per task, for data that already lives in a warehouse
  export or a data lake;
- ``krquality classify FILE --dask-scheduler tcp://HOST:8786`` (the batch
  runner with :func:`cluster_executor`) reads and writes the file on this
  machine and sends chunks of rows to the cluster's workers.

Each worker process loads the model once: :class:`AnalyzerPlugin` loads it
when the worker starts (``register_analyzer``), and otherwise the first task
on a worker does (a per-process cache, :func:`~krquality.parallel.cached_analyzer`).
Both paths produce rows through :func:`~krquality.batch.rows.result_to_row`,
so results are identical to a single-machine run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from krquality.batch.parallel import AnalyzerSpec, analyze_chunk, cached_analyzer
from krquality.batch.rows import RESULT_COLUMNS, row_id
from krquality.errors import InvalidInputError

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client

    from krquality.engine import Analyzer

PLUGIN_NAME = "krquality-analyzer"
PARTITION_CHUNK_ROWS = 256

RESULT_DTYPES: dict[str, str] = {
    "row": "Int64",
    "id": "string",
    "label": "string",
    "confident": "boolean",
    "p_metric": "Float64",
    "p_milestone": "Float64",
    "p_task": "Float64",
    "score": "Int64",
    "grade": "string",
    "findings": "string",
    "suggestion": "string",
    "error": "string",
}
"""Columns :func:`classify_dataframe` adds, with pandas dtypes (nullable: a failed row has only ``error``)."""


class AnalyzerPlugin(WorkerPlugin):
    """Loads the analyzer into each worker process when the worker starts (or the plugin is registered)."""

    def __init__(self, spec: AnalyzerSpec) -> None:
        self.spec = spec

    def setup(self, worker: Any) -> None:
        cached_analyzer(self.spec)


def register_analyzer(
    client: Client,
    *,
    model_path: str | None = None,
    suggestions: bool = True,
    analyzer_factory: Callable[[], Analyzer] | None = None,
) -> None:
    """Load the model on every worker of ``client``'s cluster now, and on workers that join later.

    Optional: without it, each worker loads the model on its first task.

    >>> from distributed import Client  # doctest: +SKIP
    >>> register_analyzer(Client("tcp://scheduler:8786"))  # doctest: +SKIP
    """
    spec = AnalyzerSpec(model_path=model_path, factory=analyzer_factory, suggestions=suggestions)
    client.register_plugin(AnalyzerPlugin(spec), name=PLUGIN_NAME)


@contextmanager
def cluster_executor(address: str, spec: AnalyzerSpec) -> Iterator[tuple[Executor, int]]:
    """A ``concurrent.futures`` executor on the cluster at ``address``, and its number of worker threads.

    Used by :func:`krquality.batch.classify_file` for ``--dask-scheduler``.
    """
    from distributed import Client

    try:
        client = Client(address, set_as_default=False, timeout="30s")
    except OSError as e:
        raise InvalidInputError(
            f"cannot reach the Dask scheduler at {address}: {e}", field="dask_scheduler"
        ) from e
    try:
        client.register_plugin(AnalyzerPlugin(spec), name=PLUGIN_NAME)
        threads = max(1, sum(client.nthreads().values()))
        yield client.get_executor(pure=False), threads
    finally:
        client.close()


def classify_partition(
    frame: pd.DataFrame,
    *,
    column: str,
    spec: AnalyzerSpec,
    first_row: int | None = None,
    max_chars: int | None = None,
) -> pd.DataFrame:
    """Classify one pandas partition: ``frame`` plus the :data:`RESULT_DTYPES` columns.

    ``first_row`` is the 1-based number of the partition's first row in the
    whole frame; without it ``row`` and ``id`` are left empty.
    """
    import pandas as pd

    from krquality.config import load_config
    from krquality.engine import validate_text

    limit = max_chars if max_chars is not None else load_config().max_chars
    n = len(frame)
    out: dict[str, list[Any]] = {name: [None] * n for name in RESULT_DTYPES}
    valid: list[tuple[int, str]] = []
    for i, value in enumerate(frame[column].tolist()):
        number = first_row + i if first_row is not None else None
        text = value if isinstance(value, str) else ""
        if number is not None:
            out["row"][i] = number
            out["id"][i] = row_id(number, text)
        try:
            valid.append(
                (
                    i,
                    validate_text(
                        text, field=f"row {number if number is not None else i + 1}", max_chars=limit
                    ),
                )
            )
        except InvalidInputError as e:
            out["error"][i] = str(e)
    for start in range(0, len(valid), PARTITION_CHUNK_ROWS):
        part = valid[start : start + PARTITION_CHUNK_ROWS]
        for (i, _), outcome in zip(part, analyze_chunk(spec, [text for _, text in part]), strict=True):
            if isinstance(outcome, str):
                out["error"][i] = outcome
                continue
            for name in RESULT_COLUMNS:
                if name != "text":
                    out[name][i] = outcome[name]
    result = frame.copy()
    for name, dtype in RESULT_DTYPES.items():
        result[name] = pd.Series(out[name], index=frame.index, dtype=dtype)
    return result


def classify_dataframe(
    ddf: dd.DataFrame,
    *,
    column: str = "text",
    suggestions: bool = True,
    model_path: str | None = None,
    row_numbers: bool = True,
    analyzer_factory: Callable[[], Analyzer] | None = None,
) -> dd.DataFrame:
    """Classify the key results in ``ddf[column]`` on the cluster; lazily, like any Dask operation.

    Returns ``ddf`` with the columns of :data:`RESULT_DTYPES` added: ``row``
    (1-based position in ``ddf``) and ``id`` as in the batch runner's
    output, the result columns of
    :func:`~krquality.batch.rows.result_to_row` (but ``text``, which is
    ``column``), and ``error``, the reason a row could not be analysed (the
    result columns are then empty). ``row_numbers=False`` skips ``row`` and
    ``id``, which otherwise need the partition lengths (one extra pass over
    ``ddf``). Each worker process loads the model once.

    >>> import dask.dataframe as dd, pandas as pd
    >>> frame = pd.DataFrame({"text": ["Launch the partner portal", "Double weekly active teams"]})
    >>> classify_dataframe(dd.from_pandas(frame, npartitions=1))["label"].compute().tolist()
    ['milestone', 'metric']
    """
    import dask.dataframe as dd
    from dask.delayed import delayed

    if column not in ddf.columns:
        raise InvalidInputError(
            f"no column {column!r}; the columns are {', '.join(map(repr, ddf.columns))}", field="column"
        )
    clashes = [name for name in RESULT_DTYPES if name in ddf.columns]
    if clashes:
        raise InvalidInputError(
            f"the frame already has columns the results use: {', '.join(clashes)}; rename them first",
            field="column",
        )
    from krquality.config import load_config

    spec = AnalyzerSpec(model_path=model_path, factory=analyzer_factory, suggestions=suggestions)
    options = {"column": column, "spec": spec, "max_chars": load_config().max_chars}
    meta = classify_partition(ddf._meta, first_row=1 if row_numbers else None, **options)  # type: ignore[arg-type]
    if not row_numbers:
        classified: dd.DataFrame = ddf.map_partitions(classify_partition, meta=meta, **options)
        return classified
    lengths = ddf.map_partitions(len).compute().tolist()
    starts = [1 + sum(lengths[:i]) for i in range(len(lengths))]
    parts = [
        delayed(classify_partition)(part, first_row=start, **options)
        for part, start in zip(ddf.to_delayed(), starts, strict=True)
    ]
    combined: dd.DataFrame = dd.from_delayed(parts, meta=meta, divisions=ddf.divisions, verify_meta=False)
    return combined
